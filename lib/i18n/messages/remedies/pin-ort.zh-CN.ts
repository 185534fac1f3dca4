import type { Messages } from '../en';

// pin-ort 修复项的中文文本（结构与 pin-ort.en.ts 一致）。
export const pinOrtZhCN: Messages['remedies']['pin-ort'] = {
  package: '{dist} {version}',
  notInstalled: '（未安装）',
  envIndex: '环境自身的索引',
  steps: {
    downloadFrom: '下载 {dist} {version}（来自 {index}）',
    downloadFromEnvIndex: '下载 {dist} {version}（来自环境自身的索引）',
    backup: '保存已安装的 {dist} {version}，以便离线恢复',
    uninstall: '卸载 {dist} {version}',
    install: '安装 {dist} {version}（使用已下载的文件）',
    clean: '删除已下载的安装包（保留备份以便撤销）',
    restore: '从 {path} 恢复 {dist} {version}',
  },
  notices: {
    truth:
      '领域事实：GPU 0% 的原因并非版本号本身；与容器 CUDA/cuDNN 不匹配的版本会使 ONNX Runtime 回退到 CPU。',
    recommended: ' 与这些库匹配的已知可用版本为 {version}。',
    unknown:
      '无法判断 onnxruntime-gpu {version} 能否在此加载 CUDA（已找到的库：{libs}）。{recommended}',
    feedBuildOnly:
      'PyPI 上的 onnxruntime-gpu {version} 与本容器的 CUDA/cuDNN（{libs}）不匹配，只有单独的源提供匹配版本。{recommended}',
    mismatch:
      'onnxruntime-gpu {version} 无法在本容器的 {libs} 下加载 CUDA，将在 CPU 上运行。{recommended}',
    listFailed: '无法列出{index}上的版本：{error}',
    missingVersion: '{index}上没有 {dist} {version}。该索引上与之最接近的版本：{versions}。',
  },
  verify: {
    unreadable: '无法读取环境中的 ONNX Runtime',
    importFails: 'import onnxruntime 失败：{error}',
    imports: '{dist} {version} 可导入；新会话使用 {providers}',
    noProviders: '无（{error}）',
    noSession: '无会话',
  },
};

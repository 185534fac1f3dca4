import type { Messages } from '../en';

// session-options 修复项的中文文本（结构与 session-options.en.ts 一致）。
export const sessionOptionsZhCN: Messages['remedies']['session-options'] = {
  notices: {
    outside:
      'HeyGem 在编译模块中创建 ONNX Runtime 会话，因此只能从外部添加选项：在 human 环境中安装启动钩子，包装 InferenceSession，并在调用方未设置时填入这些选项。服务重启后生效。',
  },
  steps: {
    remove: '删除 {name}',
    write: '写入 {name}',
  },
  current: {
    none: '未安装会话选项钩子',
    other: '已安装会话选项钩子（取值不同）',
  },
  wanted: '钩子：线程 {intra}/{inter}，{mode}，CUDA {arena}',
  undo: {
    current: '已安装会话选项钩子',
    wanted: '钩子文件恢复原状',
  },
  verify: {
    asBeforeInstalled: '钩子文件已恢复（安装状态：是）',
    asBeforeNotInstalled: '钩子文件已恢复（安装状态：否）',
    differ: '钩子文件与之前不同',
    notCheckedInstalled: '钩子：已安装；无法检查会话：{error}',
    notCheckedNotInstalled: '钩子：未安装；无法检查会话：{error}',
    noSession: '无会话',
    session: '新会话获得：线程 intra-op {intra}, inter-op {inter}, {mode}{cuda}',
    cuda: '；CUDA：设备 {device}，显存分配策略 {arena}，显存上限 {limit}，默认流拷贝{copy}',
    cudaInactive: '（CUDA 未启用：未检查其选项）',
    on: '开启',
    off: '关闭',
  },
};

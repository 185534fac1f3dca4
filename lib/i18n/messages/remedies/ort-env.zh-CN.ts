import type { Messages } from '../en';

// ort-env 修复项的中文文本（结构与 ort-env.en.ts 一致）。
export const ortEnvZhCN: Messages['remedies']['ort-env'] = {
  notices: {
    truth:
      '领域事实：ORT_PARALLEL 并不是环境变量（它是 SessionOptions.execution_mode 的取值），且 ONNX Runtime 自 1.7 起忽略 OMP_* 变量。此步骤无害，但对 ONNX Runtime 没有已知效果。',
  },
  steps: {
    mkdir: '创建激活脚本目录',
    remove: '删除 {name}',
    write: '写入 {name}',
  },
  current: '服务：ORT_PARALLEL={ortParallel}，OMP_WAIT_POLICY={ompWaitPolicy}',
  unset: '（未设置）',
  wanted: '通过环境激活脚本设置 ORT_PARALLEL=0、OMP_WAIT_POLICY=ACTIVE',
  undo: {
    current: '已安装激活脚本',
    wanted: '激活脚本恢复原状',
  },
  verify: {
    asBefore: '激活脚本已恢复原状',
    differ: '激活脚本与之前不同',
    live: '运行中的服务已有 ORT_PARALLEL=0 与 OMP_WAIT_POLICY=ACTIVE',
    installed: '激活脚本已安装；服务重启后获得这些变量',
    missing: '激活脚本缺失；服务重启后获得这些变量',
  },
};

import type { Messages } from '../en';

// batch-size 修复项的中文文本（结构与 batch-size.en.ts 一致）。
export const batchSizeZhCN: Messages['remedies']['batch-size'] = {
  steps: {
    backup: '备份 config.ini 到 {path}',
    write: '写入 config.ini',
  },
  state: 'batch_size = {value}',
  notSet: '（未设置）',
  verify: {
    detail: 'config.ini 中 batch_size = {value}',
  },
};

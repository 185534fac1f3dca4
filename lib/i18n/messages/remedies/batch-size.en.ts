// English texts of the batch-size remedy: step titles, states, notices, verifications (lib/remedies/modules/batch-size).
export const batchSizeEn = {
  steps: {
    backup: 'Back up config.ini to {path}',
    write: 'Write config.ini',
  },
  /** current / wanted: `{value}` a number, or the notSet text. */
  state: 'batch_size = {value}',
  notSet: '(not set)',
  verify: {
    detail: 'config.ini has batch_size = {value}',
  },
} as const;

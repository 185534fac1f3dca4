// English texts of the session-options remedy: step titles, states, notices, verifications (lib/remedies/modules/session-options).
export const sessionOptionsEn = {
  notices: {
    outside:
      'HeyGem creates its ONNX Runtime sessions inside compiled modules, so the options are added from outside: a start-up hook in the human env wraps InferenceSession and fills in the options wherever the caller set none. It takes effect when the service restarts.',
  },
  steps: {
    remove: 'Remove {name}',
    write: 'Write {name}',
  },
  current: {
    none: 'no session-options hook',
    other: 'a session-options hook with other values',
  },
  wanted: 'hook: {intra}/{inter} threads, {mode}, CUDA arena {arena}',
  undo: {
    current: 'session-options hook installed',
    wanted: 'hook files as before',
  },
  verify: {
    asBeforeInstalled: 'hook files as before (installed: yes)',
    asBeforeNotInstalled: 'hook files as before (installed: no)',
    differ: 'hook files differ from before',
    notCheckedInstalled: 'hook installed: yes; a session could not be checked: {error}',
    notCheckedNotInstalled: 'hook installed: no; a session could not be checked: {error}',
    noSession: 'no session',
    session: 'a new session gets intra-op {intra}, inter-op {inter}, {mode}{cuda}',
    cuda: '; CUDA: device {device}, arena {arena}, memory limit {limit}, copy in the default stream {copy}',
    cudaInactive: ' (CUDA not active: its options not checked)',
    on: 'on',
    off: 'off',
  },
} as const;

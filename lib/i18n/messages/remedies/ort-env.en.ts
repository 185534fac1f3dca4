// English texts of the ort-env remedy: step titles, states, notices, verifications (lib/remedies/modules/ort-env).
export const ortEnvEn = {
  notices: {
    truth:
      'Domain truth: ORT_PARALLEL is not an environment variable (it is a value of SessionOptions.execution_mode) and ONNX Runtime has ignored OMP_* variables since 1.7. This step is harmless but has no known effect on ONNX Runtime.',
  },
  steps: {
    mkdir: 'Create the activation directories',
    remove: 'Remove {name}',
    write: 'Write {name}',
  },
  current: 'service: ORT_PARALLEL={ortParallel}, OMP_WAIT_POLICY={ompWaitPolicy}',
  unset: '(unset)',
  wanted: "ORT_PARALLEL=0, OMP_WAIT_POLICY=ACTIVE from the env's activation script",
  undo: {
    current: 'activation script installed',
    wanted: 'activation script as before',
  },
  verify: {
    asBefore: 'activation scripts are as before',
    differ: 'activation scripts differ from before',
    live: 'the running service has ORT_PARALLEL=0 and OMP_WAIT_POLICY=ACTIVE',
    installed: 'activation script installed; the service gets the variables when it is restarted',
    missing: 'activation script MISSING; the service gets the variables when it is restarted',
  },
} as const;

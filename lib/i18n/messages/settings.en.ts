// English texts of the settings page (the remedies' defaults), merged into the main catalog by a spread in en.ts.
// Labels and hints are keyed by the stored field's own name (the last part of its path).
export const settingsEn = {
  settings: {
    nav: 'Settings',
    title: 'Remedy defaults',
    subtitle:
      'What the remedies and the runbook use unless an operator overrides a value for one run. Every change is audited.',
    loading: 'Loading the defaults…',
    saved: 'Saved. New previews and jobs use these defaults.',
    hostLine: 'line {line}: {rule}',
    sections: {
      ort: 'ONNX Runtime package',
      container: 'Container and service',
      session: 'Session options (the hook)',
    },
    ownIndex: "empty: the env's own index",
    enabled: 'on',
    compat: { warn: 'Warn in the preview', block: 'Refuse to run' },
    labels: {
      ortVersion: 'onnxruntime-gpu version',
      indexUrl: 'Index URL',
      allowedIndexHosts: 'Allowed index hosts',
      compatPolicy: 'CUDA/cuDNN mismatch',
      pipTimeoutS: 'pip step timeout (s)',
      shmSizeBytes: 'Shared memory (/dev/shm)',
      batchSize: 'batch_size',
      stopTimeoutS: 'Stop timeout (s)',
      startTimeoutS: 'Start timeout (s)',
      intraOpNumThreads: 'intra_op_num_threads',
      interOpNumThreads: 'inter_op_num_threads',
      executionMode: 'execution_mode',
      deviceId: 'device_id',
      arenaExtendStrategy: 'arena_extend_strategy',
      gpuMemLimitBytes: 'gpu_mem_limit',
      doCopyInDefaultStream: 'do_copy_in_default_stream',
    },
    hints: {
      ortVersion:
        'What pin-ort installs. 1.16.0 is the known-good version for CUDA 11.8 + cuDNN 8 (1.19.2 for CUDA 12 + cuDNN 9).',
      indexUrl:
        "Empty: pip uses the env's own index (its pip.conf). Otherwise an http(s) URL on one of the allowed hosts.",
      allowedIndexHosts:
        'One host or host:port per line (at most 50). Index URLs, here and per run, must use one of them.',
      compatPolicy:
        "When the version cannot load CUDA with the container's CUDA/cuDNN (ONNX Runtime would fall back to the CPU).",
      pipTimeoutS:
        'Each pip step (download, install) is stopped and rolled back after this; raise it for slow mirrors. 10–3600.',
      shmSizeBytes:
        "2 GB is the known-good value for queue blocking; Docker's default 64 MB is too small. 64 MiB–64 GiB.",
      batchSize: '[digital] batch_size. 1 is the known-good value for queue blocking. 1–64.',
      stopTimeoutS: 'Seconds between TERM and KILL when the service is stopped. 1–300.',
      startTimeoutS: 'Seconds to wait for the web port to answer after a start. 5–900.',
      intraOpNumThreads:
        'The procedure sets 1 (with 1 inter-op thread and ORT_SEQUENTIAL); 0 lets ONNX Runtime choose. 0–256.',
      interOpNumThreads: 'The procedure sets 1. 0–256.',
      executionMode:
        'A session option: ORT_PARALLEL is not an environment variable, and ONNX Runtime ignores OMP_*.',
      deviceId: 'CUDA device of the session. 0–15.',
      arenaExtendStrategy:
        'kSameAsRequested grows the CUDA arena only by what is asked, so gpu_mem_limit holds.',
      gpuMemLimitBytes:
        'CUDA memory cap of each session, so concurrent tasks do not run out (CUDA OOM). 256 MiB–256 GiB.',
      doCopyInDefaultStream: "CUDA provider option; ONNX Runtime's default is on.",
    },
  },
} as const;

// English texts of findings, evidence and windows (lib/diagnosis/messages.ts renders them: findings carry only
// `{id, params}`, so the UI and the CLI say them in the reader's language). `{name}` placeholders come from params.
export const diagnosisEn = {
  diagnosis: {
    finding: {
      service_down: 'Service not running or its port does not answer',
      queue_blocking: 'Queue blocking',
      cpu_fallback: 'ONNX Runtime falls back to the CPU',
      ort_mismatch: 'onnxruntime-gpu does not match the CUDA/cuDNN present',
      ort_cpu_package: 'The CPU-only onnxruntime package is installed',
      cuda_oom: 'CUDA out of memory',
      shm_exhausted: 'Shared memory exhausted',
      shm_small: 'Shared memory too small',
      queue_empty: 'Worker not ready in time (_queue.Empty)',
      stall: 'Task stalled',
      batch_size_high: 'batch_size above 1',
      hook_missing: 'Session-options hook not installed',
      ort_env_note: 'About ORT_PARALLEL / OMP_WAIT_POLICY',
      restart_pending: 'Changes not in effect yet: the service needs a restart',
      history: 'Earlier events (history)',
      history_restart: "Before the service's last restart (history, not counted in today's health)",
      history_older: "Before the window ({window}): history, not counted in today's health",
      healthy: 'Healthy: no problem found',
    },
    win: {
      since_start: 'since the service started ({at})',
      last_minutes: 'in the last {minutes} min',
      in_log: 'in this log',
    },
    ev: {
      signature_hits:
        '{signature}: {count, plural, one {# event} other {# events}} {window} ({first} to {last}), tasks {tasks}',
      history_hits:
        '{signature}: {count, plural, one {# event} other {# events}} ({first} to {last}), tasks {tasks}',
      ort_session_cpu: 'ORT {version}: a session asked for CUDA really uses {providers}',
      ort_session_cuda: 'ORT {version}: sessions use {providers}',
      ort_session_error: 'Could not create a test session: {error}',
      ort_available_lies:
        "get_available_providers() still lists CUDA ({providers}), which does not mean CUDA loads; only a session's get_providers() tells what really runs",
      cuda_libs: 'Libraries the container can load: CUDA {cuda}, cuDNN {cudnn}',
      compat_mismatch:
        'ORT {version} builds need {needs}; the container has CUDA {cuda} / cuDNN {cudnn}',
      compat_match:
        'By the compatibility table the PyPI build of ORT {version} fits CUDA {cuda} / cuDNN {cudnn}, yet the installed build does not load CUDA',
      ort_packages:
        'Installed: {packages}. The CPU-only onnxruntime and onnxruntime-gpu share one onnxruntime module, so the CPU one shadows or replaces the GPU build',
      gpu_util: 'GPU utilisation for this container {pct} %',
      no_gpu_data: 'No GPU data (no nvidia-smi on the host)',
      shm: '/dev/shm is {size} (at least {min} advised)',
      batch_size: '[digital] batch_size = {value}',
      hook_missing: 'No session-options hook: sessions run with default threads and memory arena',
      env: 'Service process environment: ORT_PARALLEL={ORT_PARALLEL}, OMP_WAIT_POLICY={OMP_WAIT_POLICY}',
      env_truth:
        'ORT_PARALLEL is not an environment variable (it is a value of SessionOptions.execution_mode), and ONNX Runtime has ignored OMP_* variables since 1.7: setting them is harmless but has no known effect on ONNX Runtime',
      service_not_running: 'No python app.py process found',
      port_down: 'Port {port} does not answer',
      queue_size: 'Queue size reported by the service: {size}',
      stall_gpu_idle: 'GPU idle while the task is stalled ({pct} %)',
      wait_at_start: 'The service started {uptime} s ago: submit tasks once its workers are ready',
      changed_since_start: 'Changed after the service started: {changes}',
      all_clear:
        'No known failure signature in the logs; ORT uses CUDA; shared memory and batch_size are fine',
      logs_only: 'Judged from the logs only (no probe data)',
    },
  },
};

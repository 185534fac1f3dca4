// Titles and explanations of the log signatures (lib/diagnosis/signatures.ts holds their patterns).
export const signaturesEn = {
  signatures: {
    queue_full: {
      title: 'Video-driving queue full',
      explanation:
        'Frames are produced faster than inference consumes them; the inter-process queue fills up and the task dies. Usually inference is too slow (CUDA fell back to the CPU), batch_size is too large or shared memory is too small.',
    },
    queue_empty: {
      title: 'Worker queue empty (_queue.Empty)',
      explanation:
        'A worker process was not ready in time when the task started (an initialisation race), so TransDhTask.work timed out waiting. Waiting longer after start-up avoids it; it is more frequent when workers are slow because CUDA could not be loaded.',
    },
    cuda_provider_fallback: {
      title: 'CUDAExecutionProvider failed, fell back to the CPU',
      explanation:
        'ONNX Runtime could not load CUDA (usually an onnxruntime-gpu version that does not match the CUDA/cuDNN in the container) and silently runs on the CPU: GPU utilisation near 0 %, everything slow.',
    },
    cuda_oom: {
      title: 'CUDA out of memory',
      explanation:
        "Too many concurrent tasks or too large a batch for the GPU memory. Limit each session's memory (gpu_mem_limit, kSameAsRequested) and lower batch_size.",
    },
    shm_exhausted: {
      title: 'Shared memory /dev/shm exhausted',
      explanation:
        "Docker's default 64 MB /dev/shm is too small for the inter-process frame queues. The container must be re-created with --shm-size (e.g. 2g).",
    },
    stall: {
      title: 'Task stalled',
      explanation:
        'A task logged "开始循环" (loop started) and then nothing for minutes, without an error: the pipeline hangs (the GPU is usually idle). The service needs a restart.',
    },
  },
} as const;

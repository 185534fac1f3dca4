// Log lines in the real formats of shared/DOMAIN.md (HeyGem logger, docker compose logs, bare lines, ONNX Runtime).
export const UUID = '5b0a3b1e-7c2d-4e3f-9a1b-2c3d4e5f6a7b';
export const QUEUE_FULL_MSG = '任务视频驱动队列满，严重阻塞，下游队列异常';

export const heygem = (
  time: string,
  task: string | null,
  text: string,
  level = 'INFO',
  src = 'process.py[line:108]',
) => `[${time}] [${src}] [${level}] [${task ? `[${task}]` : ''}${text}]`;
export const compose = (line: string, service = 'digital-human-service') =>
  `2025-03-23T23:13:34.512345678Z ${service}  | ${line}`;
export const bare = (task: string, text: string) => `[${task}]${text}`;

// Two chained tracebacks from TransDhTask.work, then the task's failure line: one queue_empty event.
export function queueEmptyTraceback(task: string, time = '2025-03-19 22:37:14'): string[] {
  return [
    '[2025-03-19 22:37:08] [process.py[line:108]] [INFO] [>>> 数字人图片处理进程启动]',
    'Traceback (most recent call last):',
    '  File "trans_dh_service.py", line 1257, in trans_dh_service.TransDhTask.work',
    '  File "/opt/conda/envs/human/lib/python3.8/multiprocessing/queues.py", line 108, in get',
    '    raise Empty',
    '_queue.Empty',
    '',
    'Traceback (most recent call last):',
    '  File "trans_dh_service.py", line 1257, in trans_dh_service.TransDhTask.work',
    '  File "/opt/conda/envs/human/lib/python3.8/multiprocessing/queues.py", line 108, in get',
    '    raise Empty',
    '_queue.Empty',
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "trans_dh_service.py", line 1265, in trans_dh_service.TransDhTask.work',
    'Exception',
    heygem(time, task, '任务执行失败，异常信息:[]', 'ERROR', 'run.py[line:147]'),
  ];
}

export const ORT_CUDNN_ERROR =
  '2025-03-23 23:10:01.123456789 [E:onnxruntime:Default, provider_bridge_ort.cc:1548 TryGetProviderLibrary] /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1209 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so with error: libcudnn.so.9: cannot open shared object file: No such file or directory';
export const ORT_FALLBACK_WARNING =
  '2025-03-23 23:10:01.124000000 [W:onnxruntime:Default, onnxruntime_pybind_state.cc:965 CreateExecutionProviderInstance] Failed to create CUDAExecutionProvider. Please reference https://onnxruntime.ai/docs/execution-providers/CUDA-ExecutionProvider.html#requirements to ensure all dependencies are met.';
export const ORT_BFC_OOM =
  "2025-03-23 23:20:00.000000001 [E:onnxruntime:, sequential_executor.cc:514 ExecuteKernel] Non-zero status code returned while running Conv node. Name:'Conv_12' Status Message: /onnxruntime_src/onnxruntime/core/framework/bfc_arena.cc:376 void* onnxruntime::BFCArena::AllocateRawInternal(size_t, bool, onnxruntime::Stream*, bool, onnxruntime::WaitNotificationFn) Failed to allocate memory for requested buffer of size 536870912";

export function shmTraceback(task: string): string[] {
  return [
    heygem(
      '2025-03-23 23:30:00',
      task,
      '任务视频驱动队列异常，异常信息:[[Errno 28] No space left on device]',
      'ERROR',
    ),
    'Traceback (most recent call last):',
    '  File "/opt/conda/envs/human/lib/python3.8/multiprocessing/shared_memory.py", line 114, in __init__',
    '    size = _posixshmem.ftruncate(self._fd, size)',
    'OSError: [Errno 28] No space left on device',
    heygem('2025-03-23 23:30:01', task, '任务执行失败，异常信息:[]', 'ERROR', 'run.py[line:147]'),
  ];
}

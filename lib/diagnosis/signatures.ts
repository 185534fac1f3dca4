import type { Bilingual } from '@/lib/i18n/bilingual';
// The log signature catalogue (shared/DOMAIN.md, "The symptom and its known signatures"), kept as data so a new
// signature is one more entry. Three kinds of matching:
//   line      — any pattern found on one log line is a hit;
//   traceback — every pattern of `all` appears within one Python traceback (one event, however many chained parts);
//   stall     — a task logged a loop-start line and then nothing for `stallAfterMs` (see scanner.ts).
import type { RemedyId } from './remedies';

export const SIGNATURE_IDS = [
  'queue_full',
  'queue_empty',
  'cuda_provider_fallback',
  'cuda_oom',
  'shm_exhausted',
  'stall',
] as const;
export type SignatureId = (typeof SIGNATURE_IDS)[number];

interface SignatureBase {
  id: SignatureId;
  title: Bilingual;
  explanation: Bilingual;
  /** Remedies that address this signature, in procedure order. */
  remedies: RemedyId[];
  /** Patterns a log viewer highlights for this signature. */
  highlight: RegExp[];
}

export interface LineSignature extends SignatureBase {
  kind: 'line';
  patterns: RegExp[];
  /** Also counted when all of these appear in one traceback (a line-level hit inside it counts once with it). */
  traceback?: RegExp[];
}

export interface TracebackSignature extends SignatureBase {
  kind: 'traceback';
  all: RegExp[];
}

export interface StallSignature extends SignatureBase {
  kind: 'stall';
  loopStart: RegExp;
  /** Lines that end a task normally or with an error: such a task is not stalled. */
  taskEnd: RegExp[];
  stallAfterMs: number;
}

export type Signature = LineSignature | TracebackSignature | StallSignature;

export const SIGNATURES: readonly Signature[] = [
  {
    id: 'queue_full',
    kind: 'line',
    patterns: [/任务视频驱动队列满/],
    highlight: [/任务视频驱动队列满[^\]]*/],
    title: { zh: '视频驱动队列满', en: 'Video-driving queue full' },
    explanation: {
      zh: '帧的产生快于推理的消费，进程间队列被填满，任务失败。通常是推理过慢（CUDA 回退到 CPU）、batch_size 过大或共享内存不足所致。',
      en: 'Frames are produced faster than inference consumes them; the inter-process queue fills up and the task dies. Usually inference is too slow (CUDA fell back to the CPU), batch_size is too large or shared memory is too small.',
    },
    remedies: ['pin-ort', 'ort-env', 'session-options', 'shm', 'batch-size', 'restart'],
  },
  {
    id: 'queue_empty',
    kind: 'traceback',
    all: [/(?:^|[\s.])(?:_queue|queue)\.Empty\b|raise Empty\b/, /TransDhTask\.work/],
    highlight: [/_queue\.Empty/, /TransDhTask\.work/],
    title: { zh: '工作进程队列为空 (_queue.Empty)', en: 'Worker queue empty (_queue.Empty)' },
    explanation: {
      zh: '任务开始时某个工作进程尚未就绪（初始化竞争），TransDhTask.work 等待超时。启动后多等一会儿再提交任务可以避免；工作进程因 CUDA 无法加载而变慢时更常见。',
      en: 'A worker process was not ready in time when the task started (an initialisation race), so TransDhTask.work timed out waiting. Waiting longer after start-up avoids it; it is more frequent when workers are slow because CUDA could not be loaded.',
    },
    remedies: ['pin-ort', 'restart'],
  },
  {
    id: 'cuda_provider_fallback',
    kind: 'line',
    patterns: [/Failed to create CUDAExecutionProvider/],
    highlight: [
      /Failed to create CUDAExecutionProvider/,
      /lib(?:cudnn|cublas(?:Lt)?|cudart|cufft|curand)[\w.]*\.so(?:\.\d+)*: cannot open shared object file/,
    ],
    title: {
      zh: 'CUDA 执行提供者创建失败，回退到 CPU',
      en: 'CUDAExecutionProvider failed, fell back to the CPU',
    },
    explanation: {
      zh: 'ONNX Runtime 无法加载 CUDA（多为 onnxruntime-gpu 版本与容器内 CUDA/cuDNN 不匹配），静默改用 CPU：GPU 利用率接近 0%，一切变慢。',
      en: 'ONNX Runtime could not load CUDA (usually an onnxruntime-gpu version that does not match the CUDA/cuDNN in the container) and silently runs on the CPU: GPU utilisation near 0 %, everything slow.',
    },
    remedies: ['pin-ort', 'restart'],
  },
  {
    id: 'cuda_oom',
    kind: 'line',
    patterns: [
      /CUDA out of memory/i,
      /BFCArena\b.*Failed to allocate/,
      /CUDA failure 2: out of memory/,
      /CUDA error: out of memory/,
    ],
    highlight: [/CUDA out of memory/i, /Failed to allocate[^.]*/, /out of memory/],
    title: { zh: 'GPU 显存不足', en: 'CUDA out of memory' },
    explanation: {
      zh: '并发任务过多或 batch 过大，GPU 显存不够。限制每个会话的显存（gpu_mem_limit、kSameAsRequested）并减小 batch_size。',
      en: "Too many concurrent tasks or too large a batch for the GPU memory. Limit each session's memory (gpu_mem_limit, kSameAsRequested) and lower batch_size.",
    },
    remedies: ['session-options', 'batch-size', 'restart'],
  },
  {
    id: 'shm_exhausted',
    kind: 'line',
    patterns: [
      /No space left on device.*\/dev\/shm|\/dev\/shm.*No space left on device/,
      /\bBus error\b/,
      /insufficient shared memory \(shm\)/,
    ],
    traceback: [/No space left on device/, /\/dev\/shm|shared_memory|SharedMemory/],
    highlight: [/No space left on device/, /Bus error/, /\/dev\/shm/],
    title: { zh: '共享内存 /dev/shm 耗尽', en: 'Shared memory /dev/shm exhausted' },
    explanation: {
      zh: 'Docker 默认的 64 MB /dev/shm 装不下进程间的帧队列。需要用 --shm-size（如 2g）重新创建容器。',
      en: "Docker's default 64 MB /dev/shm is too small for the inter-process frame queues. The container must be re-created with --shm-size (e.g. 2g).",
    },
    remedies: ['shm', 'restart'],
  },
  {
    id: 'stall',
    kind: 'stall',
    loopStart: /开始循环/,
    taskEnd: [/任务[:：]\s*[\w-]+\s+耗时[:：]/, /任务执行成功/, /任务执行完成/, /任务完成/, /失败/],
    stallAfterMs: 5 * 60_000,
    highlight: [/开始循环/],
    title: { zh: '任务停滞', en: 'Task stalled' },
    explanation: {
      zh: '任务记录了“开始循环”之后数分钟没有任何输出，也没有报错：流水线卡住了（GPU 通常空闲）。需要重启服务。',
      en: 'A task logged "开始循环" (loop started) and then nothing for minutes, without an error: the pipeline hangs (the GPU is usually idle). The service needs a restart.',
    },
    remedies: ['restart'],
  },
];

export function signatureById(id: SignatureId): Signature {
  const found = SIGNATURES.find((s) => s.id === id);
  if (!found) throw new Error(`unknown signature ${id}`);
  return found;
}

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
    remedies: ['pin-ort', 'ort-env', 'session-options', 'shm', 'batch-size', 'restart'],
  },
  {
    id: 'queue_empty',
    kind: 'traceback',
    all: [/(?:^|[\s.])(?:_queue|queue)\.Empty\b|raise Empty\b/, /TransDhTask\.work/],
    highlight: [/_queue\.Empty/, /TransDhTask\.work/],
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
    remedies: ['shm', 'restart'],
  },
  {
    id: 'stall',
    kind: 'stall',
    loopStart: /开始循环/,
    taskEnd: [/任务[:：]\s*[\w-]+\s+耗时[:：]/, /任务执行成功/, /任务执行完成/, /任务完成/, /失败/],
    stallAfterMs: 5 * 60_000,
    highlight: [/开始循环/],
    remedies: ['restart'],
  },
];

export function signatureById(id: SignatureId): Signature {
  const found = SIGNATURES.find((s) => s.id === id);
  if (!found) throw new Error(`unknown signature ${id}`);
  return found;
}

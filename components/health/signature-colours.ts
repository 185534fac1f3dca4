import type { SignatureId } from '@/lib/diagnosis/signatures';

/** One colour per signature, shared by the counts and the log viewer's highlights so the two read together. */
export const SIGNATURE_COLOURS: Record<SignatureId, string> = {
  queue_full: 'bg-red-100 text-red-800',
  queue_empty: 'bg-orange-100 text-orange-800',
  cuda_provider_fallback: 'bg-violet-100 text-violet-800',
  cuda_oom: 'bg-fuchsia-100 text-fuchsia-800',
  shm_exhausted: 'bg-amber-100 text-amber-900',
  stall: 'bg-sky-100 text-sky-800',
};

import type { RemedyId } from '@/lib/diagnosis/remedies';
import type { Remedy } from './types';

// The remedy modules by id (filled in as the modules land).
const REMEDIES: Partial<Record<RemedyId, Remedy>> = {};

export function remedyModule(id: RemedyId): Remedy {
  const r = REMEDIES[id];
  if (!r) throw new Error(`remedy ${id} is not available in this build`);
  return r;
}

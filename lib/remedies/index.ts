import type { RemedyId } from '@/lib/diagnosis/remedies';
import { batchSize } from './modules/batch-size';
import { ortEnv } from './modules/ort-env';
import { pinOrt } from './modules/pin-ort';
import { sessionOptions } from './modules/session-options';
import { shm } from './modules/shm';
import { restart } from './modules/restart';
import type { Remedy } from './types';

// The remedy modules by id, one module per step of the procedure (lib/remedies/modules/<id>.ts).
const REMEDIES: Partial<Record<RemedyId, Remedy>> = {
  'pin-ort': pinOrt,
  'ort-env': ortEnv,
  'session-options': sessionOptions,
  shm: shm,
  'batch-size': batchSize,
  restart,
};

export function remedyModule(id: RemedyId): Remedy {
  const r = REMEDIES[id];
  if (!r) throw new Error(`remedy ${id} is not available in this build`);
  return r;
}

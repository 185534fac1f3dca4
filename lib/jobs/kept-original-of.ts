import type { JobsTable } from '@/lib/store/schema';
import type { Selectable } from 'kysely';
import type { JobResult } from './types';

// Which original container a job's shm re-creation kept (see kept-original.ts), read from the job's row alone.

export interface KeptOriginal {
  name: string;
  id: string;
}

/** The original this job kept, unless it was discarded already. */
export function keptOriginalOf(
  row: Pick<Selectable<JobsTable>, 'undo' | 'result'>,
): KeptOriginal | null {
  const result = row.result ? (JSON.parse(row.result) as JobResult) : null;
  if (result?.discardedOriginal) return null;
  const parts = row.undo
    ? (JSON.parse(row.undo) as {
        remedy: string;
        undo: { oldName?: unknown; oldId?: unknown } | null;
      }[])
    : [];
  const shm = parts.find((p) => p.remedy === 'shm' && p.undo);
  const { oldName, oldId } = shm?.undo ?? {};
  return typeof oldName === 'string' && typeof oldId === 'string'
    ? { name: oldName, id: oldId }
    : null;
}

import { audited } from '@/lib/auth/audited';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/types';
import { remote } from '@/lib/remote';
import { actorName } from '@/lib/audit/actor';
import { getDb, nowIso } from '@/lib/store/db';
import { resolveTarget } from './launch';
import { acquireLock, releaseLock } from '@/lib/locks/container-lock';
import { keptOriginalOf } from './kept-original-of';
import { getJobRow, toView, undoneBy } from './store';
import type { JobResult, JobView } from './types';

// The shm re-creation keeps the original container, stopped, as `<name>-dhc-old-STAMP`, so that Undo can put it
// back. Once the operator is satisfied with the re-created one, discarding the original frees its disk; Undo of that
// job is then no longer possible, and the confirmation says so. Only a stopped container under exactly the kept name
// and id is removed.

export async function discardKeptOriginal(actor: Actor, jobId: string): Promise<JobView> {
  return audited(actor, 'operator', 'job.discard_original', jobId, { jobId }, async () => {
    const row = await getJobRow(jobId);
    if (!row) throw new NotFoundError(`job ${jobId}`);
    if (row.status === 'running') throw new ConflictError(`job ${jobId} is still running`);
    const kept = keptOriginalOf(row);
    if (!kept)
      throw new ConflictError(
        `job ${jobId} keeps no original container (it did not re-create one, or it was discarded already)`,
      );
    if (await undoneBy(jobId))
      throw new ConflictError(
        `job ${jobId} was undone: its original is the service container again`,
      );
    const { target, hostName } = await resolveTarget(row.host_id, row.container);
    const lock = await acquireLock(target.hostId, hostName, target.container, jobId);
    try {
      const d = await remote.docker(target.hostId);
      const info = await d
        .getContainer(kept.id)
        .inspect()
        .catch((e: { statusCode?: number }) => {
          if (e?.statusCode === 404) return null;
          throw e;
        });
      if (info && info.Name !== `/${kept.name}`)
        throw new ConflictError(
          `container ${kept.id.slice(0, 12)} is now named ${info.Name.slice(1)}, not ${kept.name}: left alone`,
        );
      if (info?.State.Running)
        throw new ConflictError(`${kept.name} is running: only a stopped original is discarded`);
      if (info) await d.getContainer(kept.id).remove({ v: false });
      const result: JobResult = row.result
        ? (JSON.parse(row.result) as JobResult)
        : { verifications: [] };
      result.discardedOriginal = {
        ...kept,
        at: nowIso(),
        by: actorName(actor),
        alreadyGone: !info,
      };
      await getDb()
        .updateTable('jobs')
        .set({ result: JSON.stringify(result) })
        .where('id', '=', jobId)
        .execute();
    } finally {
      await releaseLock(target.hostId, target.container, lock);
    }
    return toView((await getJobRow(jobId))!, false);
  });
}

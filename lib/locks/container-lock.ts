import { ConflictError } from '@/lib/errors';
import { getDb } from '@/lib/store/db';

// One job per container, across every console process sharing the database (web server and `dhc`). A lock expires
// unless its holder renews it, so a crashed holder blocks nobody for long; each acquisition gets a larger token,
// and a holder checks its token before every step (fencing), so one whose lock lapsed stops instead of racing.

export const LOCK_TTL_MS = 30_000;

export interface LockHolder {
  jobId: string;
  token: number;
  expiresAt: number;
}

/** Test runs (lib/throughput) hold the same locks under their run ids, `t-...`. */
function lockedMessage(hostName: string, container: string, holderId: string): string {
  const who = holderId.startsWith('t-') ? `test run ${holderId}` : `remedy job ${holderId}`;
  return `${hostName}/${container} is busy: ${who} holds it; wait for it to finish or cancel it`;
}

export class LockedError extends ConflictError {
  constructor(
    readonly holder: { jobId: string; expiresAt: number },
    hostName: string,
    container: string,
  ) {
    super(lockedMessage(hostName, container, holder.jobId));
    this.name = 'LockedError';
  }
}

/** Takes the container's lock for `jobId` or throws LockedError naming the holder. One SQL statement: atomic. */
export async function acquireLock(
  hostId: string,
  hostName: string,
  container: string,
  jobId: string,
  now = Date.now(),
): Promise<LockHolder> {
  const db = getDb();
  const expiresAt = now + LOCK_TTL_MS;
  await db
    .insertInto('container_locks')
    .values({ host_id: hostId, container, job_id: jobId, token: 1, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .columns(['host_id', 'container'])
        .doUpdateSet((eb) => ({
          job_id: jobId,
          token: eb('container_locks.token', '+', 1),
          expires_at: expiresAt,
        }))
        .where((eb) =>
          eb.or([
            eb('container_locks.job_id', 'is', null),
            eb('container_locks.expires_at', '<', now),
          ]),
        ),
    )
    .execute();
  const row = await db
    .selectFrom('container_locks')
    .selectAll()
    .where('host_id', '=', hostId)
    .where('container', '=', container)
    .executeTakeFirstOrThrow();
  if (row.job_id !== jobId)
    throw new LockedError(
      { jobId: row.job_id ?? '?', expiresAt: row.expires_at },
      hostName,
      container,
    );
  return { jobId, token: row.token, expiresAt: row.expires_at };
}

/** Extends the lock; false when it is no longer ours (expired and taken, or released): the holder must stop. */
export async function renewLock(
  hostId: string,
  container: string,
  holder: LockHolder,
  now = Date.now(),
): Promise<boolean> {
  const r = await getDb()
    .updateTable('container_locks')
    .set({ expires_at: now + LOCK_TTL_MS })
    .where('host_id', '=', hostId)
    .where('container', '=', container)
    .where('job_id', '=', holder.jobId)
    .where('token', '=', holder.token)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  holder.expiresAt = now + LOCK_TTL_MS;
  return true;
}

export async function releaseLock(
  hostId: string,
  container: string,
  holder: Pick<LockHolder, 'jobId' | 'token'>,
): Promise<void> {
  await getDb()
    .updateTable('container_locks')
    .set({ job_id: null, expires_at: 0 })
    .where('host_id', '=', hostId)
    .where('container', '=', container)
    .where('job_id', '=', holder.jobId)
    .where('token', '=', holder.token)
    .execute();
}

/** The job holding the container now, if any (for the UI: "busy: job X"). */
export async function lockHolder(
  hostId: string,
  container: string,
  now = Date.now(),
): Promise<{ jobId: string; expiresAt: number } | null> {
  const row = await getDb()
    .selectFrom('container_locks')
    .selectAll()
    .where('host_id', '=', hostId)
    .where('container', '=', container)
    .executeTakeFirst();
  return row?.job_id && row.expires_at >= now
    ? { jobId: row.job_id, expiresAt: row.expires_at }
    : null;
}

/** Every container held now, `hostId/container` → the holder's id (a job, or a test run `t-...`). */
export async function heldContainers(now = Date.now()): Promise<Map<string, string>> {
  const rows = await getDb()
    .selectFrom('container_locks')
    .select(['host_id', 'container', 'job_id'])
    .where('job_id', 'is not', null)
    .where('expires_at', '>=', now)
    .execute();
  return new Map(rows.map((r) => [`${r.host_id}/${r.container}`, r.job_id!]));
}

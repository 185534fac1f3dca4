// A test run holds the container's lock of the jobs engine (lib/locks/container-lock.ts) with its run id (`t-...`) as holder:
// two runs on one container cannot overlap, and none runs while a remedy job holds it (nor a job while a run does).
// The lock expires unless renewed, so the run renews it every few seconds and is stopped when renewal fails.
import { ConflictError } from '@/lib/errors';
import {
  acquireLock,
  lockHolder,
  releaseLock,
  renewLock,
  type LockHolder,
} from '@/lib/locks/container-lock';

export const RENEW_EVERY_MS = 5_000;

export interface RunLock {
  /** Stops renewing and releases the lock (only if still ours). */
  release(): Promise<void>;
}

/**
 * Takes the lock for `runId`; `onLost` is called once when a renewal fails (the lock lapsed and was taken, or the
 * store failed): the caller must stop the run.
 */
export async function lockContainer(
  hostId: string,
  hostName: string,
  container: string,
  runId: string,
  onLost: (why: string) => void,
): Promise<RunLock> {
  // A busy container throws LockedError, whose message names the holder as a test run or a remedy job.
  const holder: LockHolder = await acquireLock(hostId, hostName, container, runId);
  let lost = false;
  const lose = (why: string) => {
    if (lost) return;
    lost = true;
    clearInterval(timer);
    onLost(why);
  };
  const timer = setInterval(() => {
    renewLock(hostId, container, holder).then(
      (ok) =>
        ok ||
        lose(
          `the run lost the lock of ${hostName}/${container} (it lapsed and was taken) and was stopped`,
        ),
      (err: Error) =>
        lose(
          `the run could not renew the lock of ${hostName}/${container} (${err.message}) and was stopped`,
        ),
    );
  }, RENEW_EVERY_MS);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      await releaseLock(hostId, container, holder).catch(() => undefined);
    },
  };
}

/** A run inside a runbook job: the job holds the lock and renews it; the run only checks that it really does. */
export async function heldByJob(
  hostId: string,
  hostName: string,
  container: string,
  jobId: string,
): Promise<RunLock> {
  const holder = (await lockHolder(hostId, container))?.jobId;
  if (holder !== jobId)
    throw new ConflictError(
      `${hostName}/${container}: job ${jobId} does not hold the container, so its test run cannot start`,
    );
  return { release: async () => undefined };
}

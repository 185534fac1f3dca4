import { ensureAdminFromEnv } from '@/lib/auth/users';
import { checkUncheckedInterrupted } from '@/lib/jobs/host-check';
import { reconcileJobs } from '@/lib/jobs/reconcile';

let done: Promise<unknown> | undefined;

/**
 * CONSOLE_ADMIN_PASSWORD creates the admin on a console with no user yet. Run once per process before the
 * first page decides between /setup and /login; a failure is retried on the next request.
 */
export function ensureBootstrapped(): Promise<unknown> {
  done ??= Promise.all([
    ensureAdminFromEnv(),
    reconcileJobs().then(() => void checkUncheckedInterrupted().catch(() => undefined)),
  ]).catch((err: unknown) => {
    done = undefined;
    throw err;
  });
  return done;
}

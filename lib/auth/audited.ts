import { AuthError } from './errors';
import { requireActorRole } from './guard';
import type { Actor, Role } from './types';
import { recordAudit } from '@/lib/audit/log';

/**
 * Runs a change on behalf of `actor` after checking its role, and records it before and after: `denied` when the
 * role check fails; else `started` (with the arguments) before the change, then `error` with the message when it
 * throws, `ok` otherwise. No `started` entry, no change: if the audit log cannot be written, nothing runs. Every
 * domain mutation goes through here, so no change can skip the audit log.
 */
export async function audited<T>(
  actor: Actor,
  role: Role,
  action: string,
  target: string | undefined,
  args: unknown,
  change: () => Promise<T>,
): Promise<T> {
  try {
    requireActorRole(actor, role);
  } catch (err) {
    await recordAudit({
      actor,
      action,
      target,
      args,
      result: 'denied',
      error: (err as Error).message,
    });
    throw err;
  }
  await recordAudit({ actor, action, target, args, result: 'started' });
  let value: T;
  try {
    value = await change();
  } catch (err) {
    const result = err instanceof AuthError && err.code === 'forbidden' ? 'denied' : 'error';
    await recordAudit({ actor, action, target, args, result, error: (err as Error).message });
    throw err;
  }
  await recordAudit({ actor, action, target, args, result: 'ok' });
  return value;
}

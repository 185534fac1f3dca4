// Lifting a sign-in lock: an admin in the console (Users page) or the local administrator (`dhc users unlock`),
// audited like every other change. The CLI is the way back in when every admin's own name is locked.
import { z } from 'zod';
import { audited } from '@/lib/auth/audited';
import { fromZodIssues } from '../errors';
import { liftLoginLocks, listLoginLocks } from './login-limit';
import type { Actor } from './types';

const text = () =>
  z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const unlockSchema = z.union(
  [
    z.object({ username: text() }).strict(),
    z
      .object({ address: text().regex(/^[0-9A-Fa-f:.]+$/, 'must be an IPv4 or IPv6 address') })
      .strict(),
  ],
  { error: 'give either username or address' },
);

export type UnlockTarget = { username: string } | { address: string };

export interface UnlockResult {
  /** Counters and locks removed (0: nothing was locked or counted). */
  lifted: number;
}

/** Removes every lock and failure count of a user name (from all addresses), or of one client address. */
export async function unlockSignIn(actor: Actor, input: unknown): Promise<UnlockResult> {
  const parsed = unlockSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const target: UnlockTarget = parsed.data;
  const label = 'username' in target ? target.username : `address ${target.address}`;
  const lift = async (): Promise<UnlockResult> => ({ lifted: await liftLoginLocks(target) });
  return audited(actor, 'admin', 'auth.unlock', label, target, lift);
}

export { listLoginLocks };

import crypto from 'node:crypto';
import { sessionTtlMs } from '../config';
import { dummyHash, verifyPassword } from '../crypto/password';
import { getDb, nowIso } from '../store/db';
import { recordAudit } from '../audit/log';
import { AuthError } from './errors';
import {
  activeLock,
  clearLoginFailures,
  recordLoginFailure,
  type LockScope,
  type LoginLock,
} from './login-limit';
import { isRole, type User } from './types';

export const SESSION_COOKIE = 'dhc_session';

const LOGIN = 'auth.login';

/** Sessions are stored by a hash of their cookie value, never the value itself. */
export const tokenHash = (token: string): string =>
  crypto.createHash('sha256').update(token).digest('hex');

const LOCK_WORDS: Record<LockScope, (username: string) => string> = {
  user_address: (u) => `for '${u}' from this address`,
  user: (u) => `for '${u}'`,
  address: () => 'from this address',
};

function lockedError(lock: LoginLock, username: string, now: number): AuthError {
  const seconds = Math.max(1, Math.ceil((Date.parse(lock.until) - now) / 1000));
  const who = LOCK_WORDS[lock.scope](username);
  const message = `too many failed sign-ins ${who}; try again in ${seconds} s (at ${lock.until})`;
  return new AuthError('rate_limited', message, { retryAfterS: seconds, retryAt: lock.until });
}

export interface LoginResult {
  token: string;
  user: User;
  expiresAt: string;
}

/**
 * Checks a user name and password. `ctx.ip` is the client's address (lib/web/peer-address.ts); null only when
 * none is known, and then only the user name's own limit applies (never one bucket shared by every client).
 */
export async function login(
  input: { username: string; password: string },
  ctx: { ip: string | null },
): Promise<LoginResult> {
  const username = String(input.username ?? '')
    .trim()
    .slice(0, 64);
  const password = String(input.password ?? '').slice(0, 256);
  const actor = { user: null, via: 'web' as const, ...(ctx.ip ? { ip: ctx.ip } : {}) };
  const audit = (result: 'ok' | 'error' | 'denied', error?: string, user?: User) =>
    recordAudit({
      actor: user ? { ...actor, user } : actor,
      action: LOGIN,
      target: username,
      result,
      error,
    });

  const lock = await activeLock(username, ctx.ip);
  if (lock) {
    const err = lockedError(lock, username, Date.now());
    await audit('denied', err.message);
    throw err;
  }
  const row = await getDb()
    .selectFrom('users')
    .select(['id', 'username', 'role', 'password_hash', 'disabled_at'])
    .where('username', '=', username)
    .executeTakeFirst();
  // Unknown users cost the same scrypt work as known ones, so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  if (!row || !ok || !isRole(row.role)) {
    await recordLoginFailure(username, ctx.ip, row !== undefined);
    await audit('error', 'bad credentials');
    throw new AuthError('bad_credentials');
  }
  const user: User = { id: row.id, username: row.username, role: row.role };
  // Said only to whoever knows the password: a disabled account is not a wrong password to its owner.
  if (row.disabled_at) {
    await audit('denied', 'account disabled', user);
    throw new AuthError('account_disabled');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionTtlMs()).toISOString();
  await getDb()
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: user.id,
      ip: ctx.ip,
      created_at: nowIso(),
      expires_at: expiresAt,
    })
    .execute();
  await clearLoginFailures(username, ctx.ip);
  await audit('ok', undefined, user);
  return { token, user, expiresAt };
}

/**
 * The signed-in user for a session cookie value, or null. The role and the disabled mark are read fresh, so a
 * change applies at the next request.
 */
export async function getSessionUser(token: string | undefined | null): Promise<User | null> {
  if (!token || token.length > 128) return null;
  const row = await getDb()
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.role', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.expires_at <= nowIso() || !isRole(row.role)) return null;
  return { id: row.id, username: row.username, role: row.role };
}

export async function logout(
  token: string | undefined | null,
  ctx: { ip?: string } = {},
): Promise<void> {
  if (!token) return;
  const user = await getSessionUser(token);
  await getDb().deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
  if (user)
    await recordAudit({
      actor: { user, via: 'web', ip: ctx.ip },
      action: 'auth.logout',
      target: user.username,
      result: 'ok',
    });
  await getDb().deleteFrom('sessions').where('expires_at', '<=', nowIso()).execute();
}

import crypto from 'node:crypto';
import { sessionTtlMs } from '../config';
import { dummyHash, verifyPassword } from '../crypto/password';
import { getDb, nowIso } from '../store/db';
import { recordAudit } from '../audit/log';
import { AuthError } from './errors';
import { isRole, type User } from './types';

export const SESSION_COOKIE = 'dhc_session';

// Failed sign-ins are counted from the audit log itself, so the limit holds across restarts and across
// several console instances sharing one database.
const WINDOW_MS = 15 * 60_000;
const MAX_FAILS_PER_USER_IP = 5;
const MAX_FAILS_PER_IP = 30;
const LOGIN = 'auth.login';

const tokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

async function recentFailures(ip: string, username?: string): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  let q = getDb()
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', LOGIN)
    .where('at', '>=', since)
    .where('ip', '=', ip)
    .where('result', '=', 'error');
  if (username !== undefined) {
    const lastOk = await getDb()
      .selectFrom('audit_log').select('at')
      .where('action', '=', LOGIN).where('ip', '=', ip).where('target', '=', username).where('result', '=', 'ok')
      .orderBy('seq', 'desc').limit(1).executeTakeFirst();
    q = q.where('target', '=', username).where('at', '>', lastOk && lastOk.at > since ? lastOk.at : since);
  }
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface LoginResult {
  token: string;
  user: User;
  expiresAt: string;
}

export async function login(input: { username: string; password: string }, ctx: { ip: string }): Promise<LoginResult> {
  const username = String(input.username ?? '').trim().slice(0, 64);
  const password = String(input.password ?? '').slice(0, 256);
  const actor = { user: null, via: 'web' as const, ip: ctx.ip };
  const audit = (result: 'ok' | 'error' | 'denied', error?: string, user?: User) =>
    recordAudit({ actor: user ? { ...actor, user } : actor, action: LOGIN, target: username, result, error });

  if ((await recentFailures(ctx.ip, username)) >= MAX_FAILS_PER_USER_IP || (await recentFailures(ctx.ip)) >= MAX_FAILS_PER_IP) {
    await audit('denied', 'rate limited');
    throw new AuthError('rate_limited');
  }
  const row = await getDb().selectFrom('users').select(['id', 'username', 'role', 'password_hash']).where('username', '=', username).executeTakeFirst();
  // Unknown users cost the same scrypt work as known ones, so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  if (!row || !ok || !isRole(row.role)) {
    await audit('error', 'bad credentials');
    throw new AuthError('bad_credentials');
  }
  const user: User = { id: row.id, username: row.username, role: row.role };
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionTtlMs()).toISOString();
  await getDb()
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: user.id, ip: ctx.ip, created_at: nowIso(), expires_at: expiresAt })
    .execute();
  await audit('ok', undefined, user);
  return { token, user, expiresAt };
}

/** The signed-in user for a session cookie value, or null. The role is read fresh, so role changes apply at once. */
export async function getSessionUser(token: string | undefined | null): Promise<User | null> {
  if (!token || token.length > 128) return null;
  const row = await getDb()
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.role', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= nowIso() || !isRole(row.role)) return null;
  return { id: row.id, username: row.username, role: row.role };
}

export async function logout(token: string | undefined | null, ctx: { ip?: string } = {}): Promise<void> {
  if (!token) return;
  const user = await getSessionUser(token);
  await getDb().deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
  if (user) await recordAudit({ actor: { user, via: 'web', ip: ctx.ip }, action: 'auth.logout', target: user.username, result: 'ok' });
  await getDb().deleteFrom('sessions').where('expires_at', '<=', nowIso()).execute();
}

import crypto from 'node:crypto';
import { z } from 'zod';
import { adminPasswordFromEnv } from '../config';
import { hashPassword } from '../crypto/password';
import { getDb, nowIso } from '../store/db';
import { audited } from '@/lib/auth/audited';
import { recordAudit } from '../audit/log';
import { ConflictError, fromZodIssues, NotFoundError } from '../errors';
import { AuthError } from './errors';
import { isRole, ROLES, type Actor, type Role, type User } from './types';

export const usernameSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'may contain only letters, digits, "_", "." and "-", starting with a letter or digit',
  );

export const passwordSchema = z
  .string({ error: 'is required' })
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');

const credentialsSchema = z.object({ username: usernameSchema, password: passwordSchema });
const newUserSchema = credentialsSchema.extend({
  role: z.enum(ROLES as [Role, ...Role[]], { error: `must be one of ${ROLES.join(', ')}` }),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw fromZodIssues(r.error.issues);
  return r.data;
}

function toUser(row: { id: string; username: string; role: string }): User {
  return { id: row.id, username: row.username, role: isRole(row.role) ? row.role : 'viewer' };
}

export async function hasAnyUser(): Promise<boolean> {
  const row = await getDb().selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

async function insertUser(username: string, passwordHash: string, role: Role): Promise<User> {
  const user: User = { id: crypto.randomUUID(), username, role };
  await getDb()
    .insertInto('users')
    .values({ id: user.id, username, password_hash: passwordHash, role, created_at: nowIso() })
    .execute();
  return user;
}

/** First-run setup: creates the admin only while no user exists (the check and insert share one transaction). */
export async function setupFirstAdmin(
  input: { username: string; password: string },
  actor: Actor,
): Promise<User> {
  const creds = parse(credentialsSchema, input);
  const hash = await hashPassword(creds.password);
  const args = { username: creds.username };
  try {
    const user = await getDb()
      .transaction()
      .execute(async (trx) => {
        const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
        if (any) throw new AuthError('setup_done');
        const u: User = { id: crypto.randomUUID(), username: creds.username, role: 'admin' };
        await trx
          .insertInto('users')
          .values({
            id: u.id,
            username: u.username,
            password_hash: hash,
            role: 'admin',
            created_at: nowIso(),
          })
          .execute();
        return u;
      });
    await recordAudit({ actor, action: 'auth.setup', target: user.username, args, result: 'ok' });
    return user;
  } catch (err) {
    await recordAudit({
      actor,
      action: 'auth.setup',
      target: creds.username,
      args,
      result: 'denied',
      error: (err as Error).message,
    });
    throw err;
  }
}

/** CONSOLE_ADMIN_PASSWORD creates user `admin` on a console that has no user yet; otherwise does nothing. */
export async function ensureAdminFromEnv(): Promise<User | null> {
  const password = adminPasswordFromEnv();
  if (!password || (await hasAnyUser())) return null;
  try {
    return await setupFirstAdmin({ username: 'admin', password }, { user: null, via: 'cli' });
  } catch (err) {
    if (err instanceof AuthError && err.code === 'setup_done') return null;
    throw err;
  }
}

export async function createUser(
  actor: Actor,
  input: { username: string; password: string; role: Role },
): Promise<User> {
  const data = parse(newUserSchema, input);
  return audited(
    actor,
    'admin',
    'user.create',
    data.username,
    { username: data.username, role: data.role },
    async () => {
      const exists = await getDb()
        .selectFrom('users')
        .select('id')
        .where('username', '=', data.username)
        .executeTakeFirst();
      if (exists) throw new ConflictError(`a user named '${data.username}' already exists`);
      return insertUser(data.username, await hashPassword(data.password), data.role);
    },
  );
}

export interface UserListing extends User {
  createdAt: string;
  /** When the user was disabled; null while they may sign in. */
  disabledAt: string | null;
}

export async function listUsers(): Promise<UserListing[]> {
  const rows = await getDb()
    .selectFrom('users')
    .select(['id', 'username', 'role', 'created_at', 'disabled_at'])
    .orderBy('username')
    .execute();
  return rows.map((r) => ({ ...toUser(r), createdAt: r.created_at, disabledAt: r.disabled_at }));
}

export async function getUser(id: string): Promise<User | null> {
  const row = await getDb()
    .selectFrom('users')
    .select(['id', 'username', 'role'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Administrators who can sign in: the console never goes without one. */
export async function enabledAdmins(): Promise<number> {
  const r = await getDb()
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setUserRole(actor: Actor, id: string, role: Role): Promise<User> {
  if (!isRole(role))
    throw fromZodIssues([{ path: ['role'], message: `must be one of ${ROLES.join(', ')}` }]);
  const target = (await getUser(id))?.username ?? id;
  return audited(actor, 'admin', 'user.set_role', target, { role }, async () => {
    const user = await getUser(id);
    if (!user) throw new NotFoundError(`user ${id}`);
    if (user.role === 'admin' && role !== 'admin' && (await enabledAdmins()) <= 1) {
      throw new ConflictError(
        'the last administrator cannot lose the admin role',
        'last_admin_role',
      );
    }
    await getDb().updateTable('users').set({ role }).where('id', '=', id).execute();
    return { ...user, role };
  });
}

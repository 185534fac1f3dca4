import { z } from 'zod';
import { hashPassword, verifyPassword } from '../crypto/password';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { getDb, nowIso } from '../store/db';
import { audited } from './audited';
import { tokenHash } from './session';
import type { Actor, User } from './types';
import { enabledAdmins, getUser, passwordSchema } from './users';

// A user's life after creation: their own password, an admin's reset, disable and enable, delete. Every change that
// takes access away revokes the user's sessions in the same step, so it holds from their next request on. The
// console always keeps one enabled administrator, and an admin never locks themselves out from the web.

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;

/** The password rule of passwordSchema (lib/auth/users.ts), refused with the catalog code the UI translates. */
function parsePassword(field: string, value: unknown): string {
  const r = passwordSchema.safeParse(value);
  if (r.success) return r.data;
  const long = typeof value === 'string' && value.length > PASSWORD_MAX;
  throw new ValidationError([
    long
      ? {
          field,
          message: r.error.issues[0]!.message,
          code: 'too_big_string',
          params: { maximum: PASSWORD_MAX },
        }
      : {
          field,
          message: r.error.issues[0]!.message,
          code: 'too_small_string',
          params: { minimum: PASSWORD_MIN },
        },
  ]);
}

/** The audit entry names the user, not the id (the id is unreadable, and gone after a delete). */
const refused = (field: string, code: string, message: string) =>
  new ValidationError([{ field, code, message }]);

async function nameOf(id: string): Promise<string> {
  return (await getUser(id))?.username ?? id;
}

async function existing(id: string): Promise<User> {
  const user = await getUser(id);
  if (!user) throw new NotFoundError(`user ${id}`);
  return user;
}

/** Revokes every session of the user but the one whose cookie value is `keep`. */
async function revokeSessions(userId: string, keep?: string): Promise<void> {
  let q = getDb().deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('token_hash', '!=', tokenHash(keep));
  await q.execute();
}

function refuseSelf(actor: Actor, user: User, what: 'disable' | 'delete'): void {
  if (actor.user?.id === user.id)
    throw new ConflictError(`you cannot ${what} your own account`, `self_${what}`);
}

async function refuseLastAdmin(user: User, what: 'disable' | 'delete'): Promise<void> {
  if (user.role === 'admin' && (await enabledAdmins()) <= 1)
    throw new ConflictError(`the last administrator cannot be ${what}d`, `last_admin_${what}`);
}

const changeOwnSchema = z.object({ current: z.string().max(256), next: z.string() });

/**
 * The signed-in user's own password: the current one must be right; the other sessions of the user end, the one
 * making the change (`keepToken`) stays signed in.
 */
export async function changeOwnPassword(
  actor: Actor,
  input: { current: string; next: string },
  keepToken: string | undefined,
): Promise<void> {
  const self = actor.user;
  const { current, next } = changeOwnSchema.parse(input);
  const password = parsePassword('next', next);
  await audited(actor, 'viewer', 'user.change_password', self?.username, undefined, async () => {
    if (!self) throw new ConflictError('the local administrator has no password', 'no_password');
    const row = await getDb()
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', self.id)
      .executeTakeFirst();
    if (!row || !(await verifyPassword(current, row.password_hash)))
      throw refused('current', 'wrong_current_password', 'is not your current password');
    if (current === password)
      throw refused('next', 'same_password', 'must differ from the current password');
    const hash = await hashPassword(password);
    await getDb()
      .updateTable('users')
      .set({ password_hash: hash })
      .where('id', '=', self.id)
      .execute();
    await revokeSessions(self.id, keepToken);
  });
}

/** An admin sets a new password for a user (who forgot theirs); every session of that user ends. */
export async function resetPassword(actor: Actor, id: string, newPassword: string): Promise<User> {
  const password = parsePassword('password', newPassword);
  return audited(actor, 'admin', 'user.reset_password', await nameOf(id), undefined, async () => {
    const user = await existing(id);
    const hash = await hashPassword(password);
    await getDb().updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
    await revokeSessions(id);
    return user;
  });
}

/** Disabled: sign-in refused and every session ended at once; kept in the list and the audit trail. */
export async function setUserDisabled(actor: Actor, id: string, disabled: boolean): Promise<User> {
  const action = disabled ? 'user.disable' : 'user.enable';
  return audited(actor, 'admin', action, await nameOf(id), undefined, async () => {
    const user = await existing(id);
    if (disabled) {
      refuseSelf(actor, user, 'disable');
      await refuseLastAdmin(user, 'disable');
    }
    await getDb()
      .updateTable('users')
      .set({ disabled_at: disabled ? nowIso() : null })
      .where('id', '=', id)
      .execute();
    if (disabled) await revokeSessions(id);
    return user;
  });
}

/** Deleted: gone from the list, sessions with it (cascade); the audit log keeps the name it acted under. */
export async function deleteUser(actor: Actor, id: string): Promise<void> {
  await audited(actor, 'admin', 'user.delete', await nameOf(id), undefined, async () => {
    const user = await existing(id);
    refuseSelf(actor, user, 'delete');
    await refuseLastAdmin(user, 'delete');
    await revokeSessions(id);
    await getDb().deleteFrom('users').where('id', '=', id).execute();
  });
}

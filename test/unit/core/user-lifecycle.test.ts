// A user's life after creation, as an administrator and the user would check it: who can sign in afterwards,
// which sessions still work, what the audit log says, and that the console never loses its last administrator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/log';
import { getSessionUser, login } from '@/lib/auth/session';
import { CLI_ADMIN, type Actor, type User } from '@/lib/auth/types';
import {
  changeOwnPassword,
  deleteUser,
  resetPassword,
  setUserDisabled,
} from '@/lib/auth/user-lifecycle';
import { createUser, listUsers, setupFirstAdmin, setUserRole } from '@/lib/auth/users';
import { dhc } from '../../integration/core/run-dhc';
import { useTempDataDir } from './temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => tmp.dispose());

const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'another long password';
const ip = { ip: '192.0.2.7' };

async function team(): Promise<{ admin: User; asAdmin: Actor; olga: User }> {
  const admin = await setupFirstAdmin({ username: 'alice', password: PASSWORD }, CLI_ADMIN);
  const asAdmin: Actor = { user: admin, via: 'web' };
  const olga = await createUser(asAdmin, {
    username: 'olga',
    password: PASSWORD,
    role: 'operator',
  });
  return { admin, asAdmin, olga };
}

describe('own password', () => {
  it('needs the current one; ends the other sessions and keeps this one', async () => {
    const { olga } = await team();
    const here = await login({ username: 'olga', password: PASSWORD }, ip);
    const elsewhere = await login({ username: 'olga', password: PASSWORD }, ip);
    const asOlga: Actor = { user: olga, via: 'web' };
    await expect(
      changeOwnPassword(asOlga, { current: 'wrong password!', next: NEW_PASSWORD }, here.token),
    ).rejects.toMatchObject({ issues: [{ field: 'current', code: 'wrong_current_password' }] });
    await expect(
      changeOwnPassword(asOlga, { current: PASSWORD, next: PASSWORD }, here.token),
    ).rejects.toMatchObject({ issues: [{ field: 'next', code: 'same_password' }] });
    await expect(
      changeOwnPassword(asOlga, { current: PASSWORD, next: 'short' }, here.token),
    ).rejects.toMatchObject({ issues: [{ field: 'next' }] });

    await changeOwnPassword(asOlga, { current: PASSWORD, next: NEW_PASSWORD }, here.token);
    expect((await getSessionUser(here.token))?.username).toBe('olga');
    expect(await getSessionUser(elsewhere.token)).toBeNull();
    await expect(login({ username: 'olga', password: PASSWORD }, ip)).rejects.toMatchObject({
      code: 'bad_credentials',
    });
    await login({ username: 'olga', password: NEW_PASSWORD }, ip);
    const [entry] = await listAudit({ action: 'user.change_password' });
    expect(entry).toMatchObject({ result: 'ok', target: 'olga' });
    expect(JSON.stringify(await listAudit({}))).not.toContain(NEW_PASSWORD);
  });
});

describe('an administrator', () => {
  it('resets a password: the old one and every session of that user stop working', async () => {
    const { asAdmin, olga } = await team();
    const session = await login({ username: 'olga', password: PASSWORD }, ip);
    await resetPassword(asAdmin, olga.id, NEW_PASSWORD);
    expect(await getSessionUser(session.token)).toBeNull();
    await expect(login({ username: 'olga', password: PASSWORD }, ip)).rejects.toThrow();
    await login({ username: 'olga', password: NEW_PASSWORD }, ip);
    await expect(
      resetPassword({ user: olga, via: 'web' }, olga.id, NEW_PASSWORD),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('disables a user at once and enables them again', async () => {
    const { asAdmin, olga } = await team();
    const session = await login({ username: 'olga', password: PASSWORD }, ip);
    await setUserDisabled(asAdmin, olga.id, true);
    expect(await getSessionUser(session.token)).toBeNull();
    await expect(login({ username: 'olga', password: PASSWORD }, ip)).rejects.toMatchObject({
      code: 'account_disabled',
    });
    // A wrong password says nothing about the account's state.
    await expect(
      login({ username: 'olga', password: 'not her password' }, ip),
    ).rejects.toMatchObject({ code: 'bad_credentials' });
    expect((await listUsers()).find((u) => u.username === 'olga')?.disabledAt).toMatch(/^\d{4}-/);
    await setUserDisabled(asAdmin, olga.id, false);
    await login({ username: 'olga', password: PASSWORD }, ip);
    const actions = (await listAudit({})).map((e) => `${e.action} ${e.target} ${e.result}`);
    expect(actions).toContain('user.disable olga ok');
    expect(actions).toContain('user.enable olga ok');
  });

  it('never locks the console out: not themselves, never the last enabled administrator', async () => {
    const { admin, asAdmin, olga } = await team();
    await expect(setUserDisabled(asAdmin, admin.id, true)).rejects.toMatchObject({
      kind: 'self_disable',
    });
    await expect(deleteUser(asAdmin, admin.id)).rejects.toMatchObject({ kind: 'self_delete' });
    const bob = await createUser(asAdmin, { username: 'bob', password: PASSWORD, role: 'admin' });
    await setUserDisabled(asAdmin, bob.id, true);
    // Bob is an admin but cannot sign in: alice is the last one who can.
    await expect(setUserDisabled(CLI_ADMIN, admin.id, true)).rejects.toMatchObject({
      kind: 'last_admin_disable',
    });
    await expect(setUserRole(CLI_ADMIN, admin.id, 'viewer')).rejects.toMatchObject({
      kind: 'last_admin_role',
    });
    await deleteUser(asAdmin, olga.id);
    expect((await listUsers()).map((u) => u.username)).toEqual(['alice', 'bob']);
  });
});

describe('dhc users', () => {
  it('adds, lists, sets a password, disables and deletes, the password only ever on stdin', async () => {
    const data = ['--data', tmp.dir];
    await setupFirstAdmin({ username: 'alice', password: PASSWORD }, CLI_ADMIN);
    let r = await dhc(
      ['users', 'add', 'vic', '--role', 'viewer', ...data],
      {},
      60_000,
      `${PASSWORD}\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/created vic \(viewer\)/);
    r = await dhc(['users', 'passwd', 'vic', ...data], {}, 60_000, `${NEW_PASSWORD}\n`);
    expect(r.code).toBe(0);
    await login({ username: 'vic', password: NEW_PASSWORD }, ip);
    r = await dhc(['users', 'disable', 'vic', ...data]);
    expect(r.stdout).toMatch(/vic disabled/);
    r = await dhc(['users', 'list', ...data]);
    expect(r.stdout).toMatch(/^vic\s+viewer\s+disabled since \d{4}-/m);
    r = await dhc(['users', 'disable', 'alice', ...data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/last administrator/);
    r = await dhc(['users', 'delete', 'vic', ...data]);
    expect(r.stdout).toMatch(/vic deleted/);
    const entries = await listAudit({});
    expect(entries.filter((e) => e.actor.via === 'cli').map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.create', 'user.reset_password', 'user.disable', 'user.delete']),
    );
    expect(JSON.stringify(entries)).not.toContain(NEW_PASSWORD);
  }, 120_000);
});

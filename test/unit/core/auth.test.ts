import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/log';
import { AuthError } from '@/lib/auth/errors';
import { ConflictError, ValidationError } from '@/lib/errors';
import { requireRole } from '@/lib/auth/guard';
import { getSessionUser, login, logout } from '@/lib/auth/session';
import type { Actor, Role, User } from '@/lib/auth/types';
import {
  createUser,
  ensureAdminFromEnv,
  hasAnyUser,
  listUsers,
  setupFirstAdmin,
  setUserRole,
} from '@/lib/auth/users';
import { deleteUser } from '@/lib/auth/user-lifecycle';
import { useTempDataDir } from './temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => {
  delete process.env.CONSOLE_ADMIN_PASSWORD;
  tmp.dispose();
});

const web: Actor = { user: null, via: 'web', ip: '192.0.2.1' };
const PASSWORD = 'a long enough password';

describe('roles', () => {
  const u = (role: Role): User => ({ id: role, username: role, role });
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'operator', false],
    ['viewer', 'admin', false],
    ['operator', 'viewer', true],
    ['operator', 'operator', true],
    ['operator', 'admin', false],
    ['admin', 'viewer', true],
    ['admin', 'operator', true],
    ['admin', 'admin', true],
  ] as const)('%s asking for %s → allowed %s', (has, needs, allowed) => {
    if (allowed) expect(requireRole(u(has), needs).role).toBe(has);
    else
      expect(() => requireRole(u(has), needs)).toThrow(
        expect.objectContaining({ code: 'forbidden' }),
      );
  });
  it('no user is unauthenticated', () => {
    expect(() => requireRole(null, 'viewer')).toThrow(
      expect.objectContaining({ code: 'unauthenticated' }),
    );
  });
});

describe('setup and users', () => {
  it('creates the first admin once; a second setup changes nothing', async () => {
    expect(await hasAnyUser()).toBe(false);
    const admin = await setupFirstAdmin({ username: 'alice', password: PASSWORD }, web);
    expect(admin.role).toBe('admin');
    await expect(
      setupFirstAdmin({ username: 'mallory', password: PASSWORD }, web),
    ).rejects.toMatchObject({ code: 'setup_done' });
    expect((await listUsers()).map((x) => x.username)).toEqual(['alice']);
    const audit = await listAudit({ action: 'auth.setup' });
    expect(audit.map((a) => a.result)).toEqual(['denied', 'ok']);
  });

  it('lets exactly one of two simultaneous setups win', async () => {
    const results = await Promise.allSettled([
      setupFirstAdmin({ username: 'first', password: PASSWORD }, web),
      setupFirstAdmin({ username: 'second', password: PASSWORD }, web),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'setup_done' },
    });
    expect(await listUsers()).toHaveLength(1);
  });

  it('rejects empty, oversized and weak input with field + rule', async () => {
    await expect(setupFirstAdmin({ username: '', password: PASSWORD }, web)).rejects.toThrow(
      /username: must not be empty/,
    );
    await expect(
      setupFirstAdmin({ username: 'x'.repeat(33), password: PASSWORD }, web),
    ).rejects.toThrow(/username: must be at most 32/);
    await expect(setupFirstAdmin({ username: 'bob', password: 'short' }, web)).rejects.toThrow(
      /password: must be at least 10/,
    );
    await expect(
      setupFirstAdmin({ username: 'a;b', password: PASSWORD }, web),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await hasAnyUser()).toBe(false);
  });

  it('CONSOLE_ADMIN_PASSWORD creates user admin only when no user exists', async () => {
    process.env.CONSOLE_ADMIN_PASSWORD = PASSWORD;
    expect((await ensureAdminFromEnv())?.username).toBe('admin');
    expect(await ensureAdminFromEnv()).toBeNull();
    expect(
      (await login({ username: 'admin', password: PASSWORD }, { ip: '127.0.0.1' })).user.role,
    ).toBe('admin');
  });

  it('only admins manage users; the last admin stays', async () => {
    const admin = await setupFirstAdmin({ username: 'alice', password: PASSWORD }, web);
    const asAdmin: Actor = { user: admin, via: 'web' };
    const op = await createUser(asAdmin, {
      username: 'olga',
      password: PASSWORD,
      role: 'operator',
    });
    await expect(
      createUser({ user: op, via: 'web' }, { username: 'x1', password: PASSWORD, role: 'admin' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      createUser(asAdmin, { username: 'olga', password: PASSWORD, role: 'viewer' }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(setUserRole(asAdmin, admin.id, 'viewer')).rejects.toThrow(/last administrator/);
    await expect(deleteUser(asAdmin, admin.id)).rejects.toThrow(/your own account/);
    await expect(deleteUser({ user: null, via: 'cli' }, admin.id)).rejects.toThrow(
      /last administrator/,
    );
    expect((await setUserRole(asAdmin, op.id, 'viewer')).role).toBe('viewer');
    await deleteUser(asAdmin, op.id);
    expect((await listUsers()).length).toBe(1);
    const denied = await listAudit({ action: 'user.create' });
    expect(denied.some((e) => e.result === 'denied' && e.actor.name === 'olga')).toBe(true);
  });
});

describe('sessions', () => {
  it('signs in, resolves the session, signs out; only a hash of the token is stored', async () => {
    await setupFirstAdmin({ username: 'alice', password: PASSWORD }, web);
    const s = await login({ username: 'alice', password: PASSWORD }, { ip: '192.0.2.1' });
    expect(s.token.length).toBeGreaterThanOrEqual(40);
    expect((await getSessionUser(s.token))?.username).toBe('alice');
    const { getDb } = await import('@/lib/store/db');
    const rows = await getDb().selectFrom('sessions').selectAll().execute();
    expect(rows.some((r) => r.token_hash === s.token)).toBe(false);
    await logout(s.token);
    expect(await getSessionUser(s.token)).toBeNull();
    expect(await getSessionUser('forged')).toBeNull();
  });

  it('fails closed on bad credentials and rate-limits per ip+username, audited', async () => {
    await setupFirstAdmin({ username: 'alice', password: PASSWORD }, web);
    for (let i = 0; i < 5; i++) {
      await expect(
        login({ username: 'alice', password: 'wrong password!' }, { ip: '192.0.2.9' }),
      ).rejects.toMatchObject({ code: 'bad_credentials' });
    }
    // Even the right password is refused while the limit holds.
    await expect(
      login({ username: 'alice', password: PASSWORD }, { ip: '192.0.2.9' }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    // Another address is not affected.
    expect(
      (await login({ username: 'alice', password: PASSWORD }, { ip: '192.0.2.10' })).user.username,
    ).toBe('alice');
    await expect(
      login({ username: 'nobody', password: PASSWORD }, { ip: '192.0.2.10' }),
    ).rejects.toBeInstanceOf(AuthError);
    const entries = await listAudit({ action: 'auth.login' });
    expect(entries.filter((e) => e.result === 'error').length).toBe(6);
    expect(entries.filter((e) => e.result === 'denied').length).toBe(1);
    expect(entries.filter((e) => e.result === 'ok').length).toBe(1);
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });
});

// Sign-in limits against a real store: one address guessing names locks only itself, a locked name is told when
// to retry, an admin (or the local CLI administrator) lifts a lock with an audit entry, and the state stays small.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/log';
import { AuthError } from '@/lib/auth/errors';
import { activeLock, LOGIN_LIMITS, recordLoginFailure } from '@/lib/auth/login-limit';
import { login } from '@/lib/auth/session';
import { CLI_ADMIN, type Actor } from '@/lib/auth/types';
import { unlockSignIn } from '@/lib/auth/unlock';
import { createUser, setupFirstAdmin } from '@/lib/auth/users';
import { getDb } from '@/lib/store/db';
import { useTempDataDir } from '../unit/core/temp-data';

const PASSWORD = 'the admin password 1';
let tmp: ReturnType<typeof useTempDataDir>;
let admin: Actor;

beforeEach(async () => {
  tmp = useTempDataDir();
  const user = await setupFirstAdmin({ username: 'admin', password: PASSWORD }, CLI_ADMIN);
  admin = { user, via: 'web', ip: '127.0.0.1' };
  await createUser(admin, { username: 'olga', password: PASSWORD, role: 'operator' });
});
afterEach(() => tmp.dispose());

const rows = async () =>
  Number(
    (
      await getDb()
        .selectFrom('login_limits')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function refusal(p: Promise<unknown>): Promise<AuthError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

describe('one address guessing names', { timeout: 120_000 }, () => {
  it('1000 random names from 127.0.0.2 lock 127.0.0.2 only; the admin signs in from 127.0.0.1; the table stays small', async () => {
    const codes = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const err = await refusal(
        login(
          { username: `guess-${i}-${Math.random().toString(36).slice(2)}`, password: 'nope nope' },
          { ip: '127.0.0.2' },
        ),
      );
      codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
    }
    // The address is locked after its cap of unknown names; every later guess is refused without a password check.
    expect(codes.get('bad_credentials')).toBe(LOGIN_LIMITS.unknownNames);
    expect(codes.get('rate_limited')).toBe(1000 - LOGIN_LIMITS.unknownNames);
    expect(await activeLock('admin', '127.0.0.2')).toMatchObject({ scope: 'address' });
    expect(
      (await login({ username: 'admin', password: PASSWORD }, { ip: '127.0.0.1' })).user.username,
    ).toBe('admin');
    expect(await rows()).toBeLessThanOrEqual(2 * LOGIN_LIMITS.unknownNames + 1);
  });

  it('a known name guessed from the locked address is refused the same way (no hint which names exist)', async () => {
    for (let i = 0; i < LOGIN_LIMITS.unknownNames; i++)
      await refusal(login({ username: `nobody-${i}`, password: 'x' }, { ip: '127.0.0.2' }));
    const known = await refusal(
      login({ username: 'olga', password: PASSWORD }, { ip: '127.0.0.2' }),
    );
    const unknown = await refusal(
      login({ username: 'nobody-else', password: 'x' }, { ip: '127.0.0.2' }),
    );
    const plain = (e: AuthError) => e.message.replace(/\d+ s \(at [^)]*\)/, 'N s');
    expect(known.code).toBe('rate_limited');
    expect(plain(known)).toBe(plain(unknown));
    expect(plain(known)).toBe('too many failed sign-ins from this address; try again in N s');
  });
});

describe('a locked user name', { timeout: 120_000 }, () => {
  it('is told when to retry; the lock holds for that address only until the name is guessed from many', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perUserAddress; i++) {
      expect(
        (await refusal(login({ username: 'olga', password: 'wrong password' }, { ip: '10.0.0.3' })))
          .code,
      ).toBe('bad_credentials');
    }
    const err = await refusal(login({ username: 'olga', password: PASSWORD }, { ip: '10.0.0.3' }));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toMatch(/try again in \d+ s \(at \d{4}-\d\d-\d\dT[\d:.]+Z\)/);
    expect(err.params?.retryAfterS).toBeGreaterThan(LOGIN_LIMITS.lockMs / 1000 - 60);
    expect(err.params?.retryAfterS).toBeLessThanOrEqual(LOGIN_LIMITS.lockMs / 1000);
    // From another address the right password works: one client cannot lock a name for everyone by itself.
    expect(
      (await login({ username: 'olga', password: PASSWORD }, { ip: '10.0.0.4' })).user.username,
    ).toBe('olga');
  });

  it('guessed from many addresses, the name is locked everywhere; an admin lifts it, audited', async () => {
    // The failures as login() records them (its password check, the slow part, is covered above).
    for (let a = 0; a * LOGIN_LIMITS.perUserAddress < LOGIN_LIMITS.perUser; a++) {
      for (let i = 0; i < LOGIN_LIMITS.perUserAddress; i++)
        await recordLoginFailure('olga', `10.1.0.${a}`, true);
    }
    const err = await refusal(login({ username: 'olga', password: PASSWORD }, { ip: '127.0.0.1' }));
    expect(err).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/for 'olga'; try again in/),
    });
    await expect(
      unlockSignIn(
        { user: { id: 'x', username: 'victor', role: 'viewer' }, via: 'web' },
        { username: 'olga' },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await unlockSignIn(admin, { username: 'olga' })).toEqual({ lifted: expect.any(Number) });
    expect(
      (await login({ username: 'olga', password: PASSWORD }, { ip: '127.0.0.1' })).user.username,
    ).toBe('olga');
    const audit = await listAudit({ action: 'auth.unlock' });
    expect(audit.map((e) => [e.actor.name, e.target, e.result])).toEqual([
      ['admin', 'olga', 'ok'],
      ['admin', 'olga', 'started'],
      ['victor', 'olga', 'denied'],
    ]);
  });

  it('the local administrator lifts an address lock; bad input names the field and the rule', async () => {
    for (let i = 0; i < LOGIN_LIMITS.unknownNames; i++)
      await refusal(login({ username: `ghost-${i}`, password: 'wrong' }, { ip: '10.2.0.1' }));
    expect(await activeLock('admin', '10.2.0.1')).toMatchObject({ scope: 'address' });
    await unlockSignIn(CLI_ADMIN, { address: '10.2.0.1' });
    expect(await activeLock('admin', '10.2.0.1')).toBeNull();
    // The counts of the names tried from there went with it: the next guess is one guess, not the eleventh.
    expect(
      (await refusal(login({ username: 'ghost-new', password: 'wrong' }, { ip: '10.2.0.1' }))).code,
    ).toBe('bad_credentials');
    expect(await activeLock('admin', '10.2.0.1')).toBeNull();
    await expect(unlockSignIn(CLI_ADMIN, { address: '10.2.0.1; rm -rf /' })).rejects.toThrow(
      /address: must be an IPv4 or IPv6 address/,
    );
    await expect(unlockSignIn(CLI_ADMIN, {})).rejects.toThrow(/either username or address/);
  });
});

describe('the stored state is bounded', { timeout: 60_000 }, () => {
  it('expired counts are pruned, and the table never passes its row cap (locks kept first)', async () => {
    const t0 = Date.now();
    await recordLoginFailure('someone', '10.3.0.1', false, t0);
    expect(await rows()).toBe(3);
    await recordLoginFailure('someone-else', '10.3.0.2', false, t0 + LOGIN_LIMITS.windowMs + 1);
    expect(await rows()).toBe(3);
    const at = new Date(t0).toISOString();
    const locked = new Date(t0 + LOGIN_LIMITS.lockMs).toISOString();
    await getDb()
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < LOGIN_LIMITS.maxRows; i++) {
          await trx
            .insertInto('login_limits')
            .values({
              username: `n${i}`,
              address: '10.4.0.1',
              failures: 1,
              window_start: at,
              locked_until: i === 0 ? locked : null,
              updated_at: at,
            })
            .execute();
        }
      });
    await recordLoginFailure('one-more', '10.5.0.1', true, t0 + 1000);
    expect(await rows()).toBe(LOGIN_LIMITS.maxRows);
    expect(
      await getDb()
        .selectFrom('login_limits')
        .select('username')
        .where('username', '=', 'n0')
        .executeTakeFirst(),
    ).toBeDefined();
  });
});

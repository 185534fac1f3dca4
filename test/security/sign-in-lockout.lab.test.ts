// Sign-in limits against a started console with no proxy configured: the address counted is the socket's (a
// forged X-Forwarded-For or stamp header changes nothing), so 1000 failed sign-ins with made-up names from
// 127.0.0.2 lock 127.0.0.2 only and the admin signs in from 127.0.0.1. Before, every client counted as one
// address, "unknown": 30 such failures made the admin's right password answer rate_limited for 15 minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dhc } from '../integration/core/run-dhc';
import { ConsoleClient, type ActionReply } from '../integration/web/console-client';
import { ADMIN, consoleWithRoles, OPERATOR, VIEWER, type Roles } from '../integration/web/session';

const SIGN_IN = ['app/actions/sign-in.ts', 'signIn'] as const;
const FORGED = {
  'x-forwarded-for': '127.0.0.1',
  'x-dhc-peer-address': '127.0.0.1',
  'x-real-ip': '127.0.0.1',
};

interface AuditEntry {
  action: string;
  target: string | null;
  result: string;
  error: string | null;
  actor: { name: string; via: string; ip?: string };
}

let r: Roles;
beforeAll(async () => {
  r = await consoleWithRoles();
});
afterAll(async () => {
  await r?.server.stop();
});

async function signInFrom(
  address: string,
  creds: { username: string; password: string },
  headers: Record<string, string> = {},
) {
  const client = ConsoleClient.from(r.server.url, address).withHeaders(headers);
  const { reply } = await client.action(...SIGN_IN, [creds]);
  return reply as ActionReply<{ username: string }>;
}

async function audit(action: string, limit = 200): Promise<AuditEntry[]> {
  return (await r.admin.get(`/api/audit?action=${action}&limit=${limit}`)).json<{
    entries: AuditEntry[];
  }>().entries;
}

describe('sign-in limits that one client cannot turn against others', () => {
  it('1000 failed sign-ins with random names from 127.0.0.2 (forging X-Forwarded-For) do not stop the admin at 127.0.0.1', async () => {
    const codes = new Map<string, number>();
    let next = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (next < 1000) {
        next++;
        const name = `u${Math.random().toString(36).slice(2, 12)}`;
        const reply = await signInFrom(
          '127.0.0.2',
          { username: name, password: 'not-the-password' },
          FORGED,
        );
        const code = reply?.ok ? 'ok' : (reply?.error.code ?? 'no reply');
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    console.log(
      `1000 guesses from 127.0.0.2 in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(codes.get('ok')).toBeUndefined();
    expect(codes.get('rate_limited')).toBeGreaterThan(900);
    const admin = await signInFrom('127.0.0.1', ADMIN);
    expect(admin).toMatchObject({ ok: true, data: { username: 'admin' } });
    // The guesses are on record under the socket's address, not the one the client claimed.
    const entries = (await audit('auth.login', 50)).filter((e) => e.target?.startsWith('u'));
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.actor.ip))).toEqual(new Set(['127.0.0.2']));
    // The address itself is locked, for every name, and says until when.
    const fromThere = await signInFrom('127.0.0.2', ADMIN);
    expect(fromThere).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(/from this address; try again in \d+ s/),
      },
    });
  }, 300_000);

  it('a user name guessed from one address is locked there, announced with when to retry; other addresses still sign in', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        await signInFrom('127.0.0.3', { username: OPERATOR.username, password: `wrong-${i}` }),
      ).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    }
    const locked = await signInFrom('127.0.0.3', OPERATOR);
    expect(locked).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        params: { retryAfterS: expect.any(Number), retryAt: expect.any(String) },
      },
    });
    const error = (
      locked as unknown as {
        error: { message: string; params: { retryAfterS: number; retryAt: string } };
      }
    ).error;
    expect(error.message).toMatch(
      new RegExp(
        `for '${OPERATOR.username}' from this address; try again in ${error.params.retryAfterS} s \\(at ${error.params.retryAt}\\)`,
      ),
    );
    expect(error.params.retryAfterS).toBeGreaterThan(14 * 60);
    expect(Date.parse(error.params.retryAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(await signInFrom('127.0.0.1', OPERATOR)).toMatchObject({ ok: true });
  }, 120_000);

  it('a name guessed from many addresses is locked everywhere; the admin lifts it (audited), then it signs in', async () => {
    for (let a = 10; a < 20; a++) {
      for (let i = 0; i < 5; i++)
        await signInFrom(`127.0.0.${a}`, {
          username: VIEWER.username,
          password: `wrong-${a}-${i}`,
        });
    }
    expect(await signInFrom('127.0.0.1', VIEWER)).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(new RegExp(`for '${VIEWER.username}'; try again in`)),
      },
    });
    const users = (await r.admin.get('/api/users')).json<{
      locks: { username: string; address: string }[];
    }>();
    expect(users.locks).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: VIEWER.username, address: '' })]),
    );
    const refused = await r.operator.action('app/actions/unlock-sign-in.ts', 'unlockSignInAction', [
      { username: VIEWER.username },
    ]);
    expect(refused.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const lifted = await r.admin.action('app/actions/unlock-sign-in.ts', 'unlockSignInAction', [
      { username: VIEWER.username },
    ]);
    expect(lifted.reply).toMatchObject({ ok: true, data: { lifted: expect.any(Number) } });
    expect(await signInFrom('127.0.0.1', VIEWER)).toMatchObject({ ok: true });
    const entries = await audit('auth.unlock');
    expect(entries.map((e) => [e.actor.name, e.target, e.result])).toEqual(
      expect.arrayContaining([
        [ADMIN.username, VIEWER.username, 'ok'],
        [OPERATOR.username, null, 'denied'],
      ]),
    );
  }, 180_000);

  it('`dhc users unlock --address` lifts the address lock, audited as the local administrator', async () => {
    expect(await signInFrom('127.0.0.2', ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    const locks = await dhc(['users', 'locks', '--json', '--data', r.server.dataDir]);
    expect(locks.code, locks.stderr).toBe(0);
    expect(JSON.parse(locks.stdout).locks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: '', address: '127.0.0.2', scope: 'address' }),
      ]),
    );
    const res = await dhc([
      'users',
      'unlock',
      '--address',
      '127.0.0.2',
      '--data',
      r.server.dataDir,
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/sign-in lock of address 127\.0\.0\.2 lifted/);
    expect(await signInFrom('127.0.0.2', ADMIN)).toMatchObject({ ok: true });
    const entry = (await audit('auth.unlock')).find(
      (e) => e.target === 'address 127.0.0.2' && e.result === 'ok',
    );
    expect(entry?.actor).toMatchObject({ name: 'local-admin', via: 'cli' });
    const usage = await dhc(['users', 'unlock', '--data', r.server.dataDir]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/give one user name, or --address A/);
  }, 120_000);
});

// Requests a browser would never send: missing/foreign Origin, forged forwarding headers; and the session's life.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from './console-client';
import { consoleWithRoles, inventory as inventoryOf, validHost, type Roles } from './session';

let r: Roles;

beforeAll(async () => {
  r = await consoleWithRoles();
});

afterAll(async () => {
  await r?.server.stop();
});

const inventory = () => inventoryOf(r.admin);

describe('origin checks on server actions', () => {
  it.each([
    ['missing', null],
    ['null', 'null'],
    ['foreign', 'http://evil.example'],
  ])('%s Origin: refused, nothing created', async (_label, origin) => {
    const before = await inventory();
    const { reply, http } = await r.admin.action(
      'app/actions/add-host.ts',
      'addHostAction',
      [validHost(`origin-${_label}`)],
      { origin },
    );
    // Next.js itself answers 500 for a foreign Origin; our chain refuses a missing one as bad_origin.
    expect(reply?.ok ?? false).toBe(false);
    if (reply && !reply.ok) expect(reply.error.code).toBe('bad_origin');
    else expect(http.status).toBeGreaterThanOrEqual(400);
    expect(await inventory()).toEqual(before);
  });

  it('a forged X-Forwarded-Host matching a foreign Origin gains nothing', async () => {
    const before = await inventory();
    const forged = r.admin.withHeaders({ 'x-forwarded-host': 'evil.example' });
    const { reply } = await forged.action(
      'app/actions/add-host.ts',
      'addHostAction',
      [validHost('xfh')],
      { origin: 'http://evil.example' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_origin' } });
    expect(await inventory()).toEqual(before);
  });
});

describe('sign-in, setup and sign-out', () => {
  it('a second setup is refused with setup_done and creates nothing', async () => {
    const before = await inventory();
    const { reply } = await new ConsoleClient(r.server.url).action(
      'app/actions/setup-admin.ts',
      'setupAdmin',
      [{ username: 'second', password: 'second-password-1' }],
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'setup_done' } });
    expect(await inventory()).toEqual(before);
  });

  it('the session cookie is httpOnly, SameSite=Lax, and Secure only over https', async () => {
    const plain = new ConsoleClient(r.server.url);
    const res = await plain.action('app/actions/sign-in.ts', 'signIn', [
      { username: 'victor', password: 'viewer-password-1' },
    ]);
    const cookie = res.http.headers.getSetCookie().find((c) => c.startsWith('dhc_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const tls = new ConsoleClient(r.server.url).withHeaders({ 'x-forwarded-proto': 'https' });
    const res2 = await tls.action('app/actions/sign-in.ts', 'signIn', [
      { username: 'victor', password: 'viewer-password-1' },
    ]);
    expect(res2.http.headers.getSetCookie().find((c) => c.startsWith('dhc_session='))).toMatch(
      /Secure/i,
    );
  });

  it('wrong password → bad_credentials; repeated failures → rate_limited even with the right password', async () => {
    const c = new ConsoleClient(r.server.url);
    const first = await c.action('app/actions/sign-in.ts', 'signIn', [
      { username: 'olga', password: 'wrong-password' },
    ]);
    expect(first.reply).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    let last = first.reply;
    for (let i = 0; i < 10 && last && !last.ok && last.error.code === 'bad_credentials'; i++) {
      last = (
        await c.action('app/actions/sign-in.ts', 'signIn', [
          { username: 'olga', password: 'wrong-password' },
        ])
      ).reply;
    }
    expect(last).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const right = await c.action('app/actions/sign-in.ts', 'signIn', [
      { username: 'olga', password: 'operator-password-1' },
    ]);
    expect(right.reply).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('sign-out ends the session on the server, not only in the browser', async () => {
    const c = new ConsoleClient(r.server.url);
    await c.action('app/actions/sign-in.ts', 'signIn', [
      { username: 'admin', password: 'admin-password-1' },
    ]);
    const token = c.cookie('dhc_session');
    expect(token).toBeTruthy();
    expect((await c.get('/api/fleet')).status).toBe(200);
    await c.action('app/actions/sign-out.ts', 'signOut', []);
    const replay = new ConsoleClient(r.server.url);
    replay.setCookie('dhc_session', token ?? '');
    expect((await replay.get('/api/fleet')).status).toBe(401);
  });
});

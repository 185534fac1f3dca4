// First run (setup page, CONSOLE_ADMIN_PASSWORD) and the language choice (Accept-Language, then the switch's cookie).
import { afterEach, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleServer } from '../../helpers/console-server';
import { ConsoleClient } from './console-client';

let server: ConsoleServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('first run', () => {
  it('a fresh console sends everyone to /setup; setup validates, signs the admin in, then closes', async () => {
    server = await startConsole();
    const c = new ConsoleClient(server.url);
    const home = await c.request('GET', '/');
    expect(home.headers.get('location')).toMatch(/\/setup$/);
    expect((await c.request('GET', '/login')).headers.get('location')).toMatch(/\/setup$/);
    expect((await c.request('GET', '/setup')).body).toContain('name="password2"');

    const weak = await c.action('app/actions/setup-admin.ts', 'setupAdmin', [
      { username: 'admin', password: 'short' },
    ]);
    expect(weak.reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid',
        fields: [expect.objectContaining({ field: 'password', rule: 'too_small_string' })],
      },
    });
    const shell = await c.action('app/actions/setup-admin.ts', 'setupAdmin', [
      { username: 'ad;min', password: 'long-enough-pw' },
    ]);
    expect(shell.reply).toMatchObject({
      ok: false,
      error: { code: 'invalid', fields: [expect.objectContaining({ field: 'username' })] },
    });
    expect((await c.request('GET', '/setup')).body).toContain('name="password2"');

    const ok = await c.action('app/actions/setup-admin.ts', 'setupAdmin', [
      { username: 'admin', password: 'long-enough-pw' },
    ]);
    expect(ok.reply).toMatchObject({ ok: true, data: { username: 'admin', role: 'admin' } });
    expect((await c.get('/api/users')).status).toBe(200);
    const again = await c.request('GET', '/setup');
    expect(again.body).not.toContain('name="password2"');
    expect(again.body).toContain('data-testid="setup-done"');
  });

  it('CONSOLE_ADMIN_PASSWORD creates the admin: no setup page, sign-in works', async () => {
    server = await startConsole({ env: { CONSOLE_ADMIN_PASSWORD: 'from-the-environment-1' } });
    const c = new ConsoleClient(server.url);
    expect((await c.request('GET', '/')).headers.get('location')).toMatch(/\/login$/);
    expect((await c.request('GET', '/setup')).body).toContain('data-testid="setup-done"');
    const { reply } = await c.action('app/actions/sign-in.ts', 'signIn', [
      { username: 'admin', password: 'from-the-environment-1' },
    ]);
    expect(reply).toMatchObject({ ok: true, data: { username: 'admin', role: 'admin' } });
  });
});

describe('language', () => {
  it('follows Accept-Language until the switch sets a cookie', async () => {
    server = await startConsole({ env: { CONSOLE_ADMIN_PASSWORD: 'from-the-environment-1' } });
    const zh = new ConsoleClient(server.url).withHeaders({
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
    });
    const zhPage = await zh.request('GET', '/login');
    expect(zhPage.body).toContain('lang="zh-CN"');
    expect(zhPage.body).toContain('用户名');
    const en = new ConsoleClient(server.url).withHeaders({ 'accept-language': 'fr-FR,en;q=0.5' });
    expect((await en.request('GET', '/login')).body).toContain('User name');

    const bad = await zh.action('app/actions/set-locale.ts', 'setLocale', [{ locale: 'de' }]);
    expect(bad.reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const noOrigin = await zh.action('app/actions/set-locale.ts', 'setLocale', [{ locale: 'en' }], {
      origin: null,
    });
    expect(noOrigin.reply).toMatchObject({ ok: false, error: { code: 'bad_origin' } });
    await zh.action('app/actions/set-locale.ts', 'setLocale', [{ locale: 'en' }]);
    expect(zh.cookie('dhc_locale')).toBe('en');
    const switched = await zh.request('GET', '/login');
    expect(switched.body).toContain('lang="en"');
    expect(switched.body).toContain('User name');
  });
});

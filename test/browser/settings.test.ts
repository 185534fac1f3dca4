// The remedy defaults page in Chromium: an admin opens it from the nav, changes values that persist, and a bad
// value is refused under its own input with the server's rule while the stored value stays; a viewer gets
// neither the page nor the PUT. No lab host is needed. Screenshots under test-output/screenshots/.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REMEDY_DEFAULTS } from '@/lib/remedies/settings';
import { launchBrowser, screenshot, type TestBrowser } from '../helpers/browser';
import type { ConsoleClient } from '../integration/web/console-client';
import { ADMIN, consoleWithRoles, VIEWER, type Roles } from '../integration/web/session';

let r: Roles;
let browser: TestBrowser;
let page: Page;
let form: Locator;

const input = (name: string) => form.locator(`[name="${name}"]`);
const errorUnder = (name: string) => page.getByTestId(`error-${name}`);
const stored = async () =>
  (await r.viewer.get('/api/remedies/defaults')).json<{
    defaults: typeof DEFAULT_REMEDY_DEFAULTS;
  }>().defaults;
const put = (who: ConsoleClient, body: unknown) =>
  who.request('PUT', '/api/remedies/defaults', {
    headers: { origin: who.origin, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

/** From the top: the sticky top bar would otherwise cover the page header in a full-page shot. */
async function shot(name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, name);
}

async function signIn(creds: { username: string; password: string }) {
  await page.goto(`${r.server.url}/login`);
  await page.fill('[name="username"]', creds.username);
  await page.fill('[name="password"]', creds.password);
  await page.click('button[type="submit"]');
  await page.waitForURL(`${r.server.url}/`);
}

beforeAll(async () => {
  r = await consoleWithRoles();
  browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  page = browser.page;
  form = page.getByTestId('defaults-form');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await r?.server.stop();
});

describe('remedy defaults page', () => {
  it('an admin opens Settings from the nav and sees the current defaults in human units', async () => {
    await signIn(ADMIN);
    await page.getByTestId('nav-settings').click();
    await page.waitForURL(`${r.server.url}/settings`);
    await form.waitFor();
    expect(await input('ortVersion').inputValue()).toBe('1.16.0');
    expect(await input('shmSizeBytes').inputValue()).toBe('2');
    expect(await input('shmSizeUnit').inputValue()).toBe('GiB');
    expect(await input('sessionOptions.gpuMemLimitBytes').inputValue()).toBe('4');
    expect(await input('gpuMemLimitUnit').inputValue()).toBe('GiB');
    expect(await input('batchSize').inputValue()).toBe('1');
    expect(await input('pipTimeoutS').inputValue()).toBe('600');
    expect(await input('indexUrl').inputValue()).toBe('');
    expect(await input('indexUrl').getAttribute('placeholder')).toMatch(/env's own index/);
    expect((await input('allowedIndexHosts').inputValue()).split('\n')).toEqual(
      DEFAULT_REMEDY_DEFAULTS.allowedIndexHosts,
    );
    expect(await input('compatPolicy').inputValue()).toBe('warn');
    expect(await input('sessionOptions.executionMode').inputValue()).toBe('ORT_SEQUENTIAL');
    expect(await input('sessionOptions.doCopyInDefaultStream').isChecked()).toBe(true);
    expect(await form.textContent()).toContain('1 is the known-good value for queue blocking');
    await shot('settings-defaults');
  });

  it('batch size 2 and pip timeout 900 are saved, survive a reload, and are what the API returns', async () => {
    await input('batchSize').fill('2');
    await input('pipTimeoutS').fill('900');
    await page.getByTestId('defaults-save').click();
    await expect.poll(() => page.getByTestId('defaults-saved').textContent()).toMatch(/^Saved/);
    await page.reload();
    await form.waitFor();
    expect(await input('batchSize').inputValue()).toBe('2');
    expect(await input('pipTimeoutS').inputValue()).toBe('900');
    expect(await stored()).toEqual({ ...DEFAULT_REMEDY_DEFAULTS, batchSize: 2, pipTimeoutS: 900 });
  });

  it('bad values are refused under their own inputs with the rule; nothing is stored', async () => {
    await input('pipTimeoutS').fill('5');
    await input('sessionOptions.gpuMemLimitBytes').fill('100');
    await input('gpuMemLimitUnit').selectOption('MiB');
    await input('allowedIndexHosts').fill(
      `${DEFAULT_REMEDY_DEFAULTS.allowedIndexHosts.join('\n')}\nnot a host`,
    );
    await page.getByTestId('defaults-save').click();
    await expect.poll(() => errorUnder('pipTimeoutS').textContent()).toBe('must be at least 10');
    expect(await errorUnder('sessionOptions.gpuMemLimitBytes').textContent()).toBe(
      'must be at least 256m',
    );
    expect(await errorUnder('allowedIndexHosts').textContent()).toBe(
      'line 4: must be a host name or host:port',
    );
    expect(await page.locator('[role="alert"][data-testid^="error-"]').count()).toBe(3);
    expect(await page.getByTestId('defaults-saved').count()).toBe(0);
    // The inputs keep what was typed, and the store keeps what was saved before.
    expect(await input('pipTimeoutS').inputValue()).toBe('5');
    expect(await input('batchSize').inputValue()).toBe('2');
    expect(await stored()).toEqual({ ...DEFAULT_REMEDY_DEFAULTS, batchSize: 2, pipTimeoutS: 900 });
    await shot('settings-invalid');
  });

  it('a viewer sees no Settings link, the forbidden message and no form; its PUT gets 403', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login$/);
    await signIn(VIEWER);
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
    await page.goto(`${r.server.url}/settings`);
    await expect
      .poll(() => page.getByTestId('forbidden').textContent())
      .toBe('This page is for administrators.');
    expect(await page.getByTestId('defaults-form').count()).toBe(0);
    const refused = await put(r.viewer, { ...DEFAULT_REMEDY_DEFAULTS, batchSize: 3 });
    expect(refused.status).toBe(403);
    expect((await stored()).batchSize).toBe(2);
  });

  it('the admin restores the defaults', async () => {
    const restored = await put(r.admin, DEFAULT_REMEDY_DEFAULTS);
    expect(restored.status, restored.body).toBe(200);
    expect(await stored()).toEqual(DEFAULT_REMEDY_DEFAULTS);
  });
});

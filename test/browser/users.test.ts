// Users over their life in Chromium: an admin disables a viewer (whose open session stops working at once),
// resets an operator's password in a dialog (a short one refused under its field), deletes a user, and cannot
// disable or delete themselves; any user changes their own password on the account page, ending their other
// sessions. No lab host is needed. Screenshots under test-output/screenshots/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signInPage, type TestBrowser } from '../helpers/browser';
import {
  ADMIN,
  consoleWithRoles,
  OPERATOR,
  signIn,
  VIEWER,
  type Roles,
} from '../integration/web/session';

let r: Roles;
let browser: TestBrowser;
let page: Page;

const row = (name: string) => page.locator(`[data-testid="user-row"][data-user="${name}"]`);
const message = () => page.getByTestId('users-message').textContent();

beforeAll(async () => {
  r = await consoleWithRoles();
  browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  page = browser.page;
  await signInPage(page, r.server.url, ADMIN);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await r?.server.stop();
});

describe('users page', () => {
  it('disabling asks first (Esc backs out), then ends the user’s open session at once', async () => {
    expect((await r.viewer.get('/api/fleet')).status).toBe(200);
    await page.goto(`${r.server.url}/users`);
    await row(VIEWER.username).getByTestId('user-toggle').click();
    const dialog = page.getByTestId('user-confirm-dialog');
    await expect.poll(() => dialog.textContent()).toContain(`Disable ${VIEWER.username}?`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await row(VIEWER.username).getAttribute('data-disabled')).toBe('false');

    await row(VIEWER.username).getByTestId('user-toggle').click();
    await page.getByTestId('user-confirm').click();
    await expect.poll(message).toBe(`${VIEWER.username} is disabled; their sessions ended.`);
    await expect
      .poll(() => row(VIEWER.username).getByTestId('user-state').textContent())
      .toMatch(/^disabled since \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect((await r.viewer.get('/api/fleet')).status).toBe(401);
    await expect(signIn(r.server, VIEWER)).rejects.toThrow(/account_disabled/);
    await screenshot(page, 'users-disabled');
  });

  it('an admin cannot disable or delete their own account', async () => {
    await expect.poll(() => row(ADMIN.username).getByTestId('user-reset').count()).toBe(1);
    expect(await row(ADMIN.username).getByTestId('user-toggle').count()).toBe(0);
    expect(await row(ADMIN.username).getByTestId('user-delete').count()).toBe(0);
  });

  it('resets a password in a dialog: a short one is refused under its field, a good one works', async () => {
    await row(OPERATOR.username).getByTestId('user-reset').click();
    const dialog = page.getByTestId('user-reset-dialog');
    await dialog.locator('[name="password"]').fill('short');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await expect
      .poll(() => dialog.getByTestId('error-password').textContent())
      .toBe('must have at least 10 characters');
    await screenshot(page, 'users-reset-dialog');
    await dialog.locator('[name="password"]').fill('a brand new password');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await expect
      .poll(message)
      .toBe(`Password of ${OPERATOR.username} reset; their sessions ended.`);
    expect((await r.operator.get('/api/fleet')).status).toBe(401);
    const again = await signIn(r.server, { ...OPERATOR, password: 'a brand new password' });
    expect((await again.get('/api/fleet')).status).toBe(200);
  });

  it('deletes a user after asking', async () => {
    await row(VIEWER.username).getByTestId('user-delete').click();
    await expect
      .poll(() => page.getByTestId('user-confirm-dialog').textContent())
      .toContain(`Delete ${VIEWER.username}?`);
    await page.getByTestId('user-confirm').click();
    await expect.poll(message).toBe(`${VIEWER.username} deleted.`);
    await row(VIEWER.username).waitFor({ state: 'detached' });
  });
});

describe('audit page', () => {
  it('filters by action family and target, with labels, and names the user acted on', async () => {
    await page.goto(`${r.server.url}/audit`);
    const filters = page.getByTestId('audit-filters');
    await filters.getByLabel('Action').selectOption('user.');
    await filters.getByLabel('Target').fill(VIEWER.username);
    const rows = page.locator('[data-testid="audit-row"]');
    await expect
      .poll(() => rows.evaluateAll((xs) => xs.map((x) => x.getAttribute('data-action'))))
      .toEqual(expect.arrayContaining(['user.delete', 'user.disable']));
    const actions = await rows.evaluateAll((xs) => xs.map((x) => x.getAttribute('data-action')));
    expect(actions.every((a) => a?.startsWith('user.'))).toBe(true);
    const targets = await page.locator('[data-testid="audit-target"]').allTextContents();
    expect(targets.every((t) => t === VIEWER.username)).toBe(true);
    await screenshot(page, 'audit-filtered');
  });
});

describe('account page', () => {
  it('changes the own password: the current one is checked, other sessions end, this one stays', async () => {
    await page.getByTestId('current-user').click();
    await page.waitForURL(/\/account$/);
    const form = page.getByTestId('password-form');
    const fill = async (current: string, next: string, repeat: string) => {
      await form.locator('[name="current"]').fill(current);
      await form.locator('[name="next"]').fill(next);
      await form.locator('[name="repeat"]').fill(repeat);
      await page.getByTestId('change-password').click();
    };
    await fill(ADMIN.password, 'the next admin password', 'something else');
    await expect
      .poll(() => form.getByTestId('error-repeat').textContent())
      .toBe('The new passwords differ.');
    await fill('not my password', 'the next admin password', 'the next admin password');
    await expect
      .poll(() => form.getByTestId('error-current').textContent())
      .toBe('is not your current password');
    await fill(ADMIN.password, 'the next admin password', 'the next admin password');
    await expect.poll(() => page.getByTestId('password-changed').count()).toBe(1);
    await screenshot(page, 'account-password-changed');
    expect((await r.admin.get('/api/users')).status).toBe(401);
    await page.goto(`${r.server.url}/users`);
    await row(ADMIN.username).waitFor();
  });
});

describe('theme', () => {
  // Lightness (0–100) of the page's background: Chromium reports Tailwind's slate-50 in lab() form, the dark
  // theme's colour as rgb().
  const background = async () => {
    const c = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const n = (c.match(/[\d.]+/g) ?? []).map(Number);
    return c.startsWith('lab(') ? n[0]! : (n[0]! + n[1]! + n[2]!) / 7.65;
  };
  const DARK = 'below 10';
  const LIGHT = 'above 90';
  const shade = async () =>
    (await background()) < 10 ? DARK : (await background()) > 90 ? LIGHT : 'between';
  const choose = async (theme: string) => {
    for (
      let i = 0;
      i < 3 && (await page.getByTestId('theme-switch').getAttribute('data-theme-choice')) !== theme;
      i++
    )
      await page.getByTestId('theme-switch').click();
    expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
  };

  it('follows the system by default, and keeps a chosen light or dark theme across pages', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${r.server.url}/account`);
    await choose('system');
    expect(await shade()).toBe(DARK);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await shade()).toBe(LIGHT);
    await choose('dark');
    expect(await shade()).toBe(DARK);
    await page.goto(`${r.server.url}/users`);
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await row(ADMIN.username).waitFor();
    await screenshot(page, 'users-dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    await choose('light');
    expect(await shade()).toBe(LIGHT);
    await choose('system');
  });
});

// The console's Content-Security-Policy in Chromium: the pages work under it (sign-in, navigation, a server
// action, a route handler, the locked sign-in message with its retry time, the Users page's lock list and Unlock)
// and the browser reports no policy violation; another site cannot frame the console. No lab host is needed.
import http from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../helpers/browser';
import { freePort } from '../helpers/console-server';
import { ADMIN, consoleWithRoles, OPERATOR, type Roles } from '../integration/web/session';

let r: Roles;
let browser: TestBrowser;
let page: Page;
const violations: string[] = [];

/** Submits the sign-in form and waits for the server action's answer. */
async function signIn(creds: { username: string; password: string }) {
  if (!page.url().endsWith('/login')) await page.goto(`${r.server.url}/login`);
  await page.fill('[name="username"]', creds.username);
  await page.fill('[name="password"]', creds.password);
  const answered = page.waitForResponse(
    (res) => res.request().method() === 'POST' && res.url().includes('/login'),
  );
  await page.click('button[type="submit"]');
  await answered;
}

beforeAll(async () => {
  r = await consoleWithRoles();
  browser = await launchBrowser({ locale: 'en-US' });
  page = browser.page;
  // Every violation the browser reports, from any page of the test: the DOM event and the console message.
  await browser.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy|CSP violation/i.test(m.text())) violations.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await r?.server.stop();
});

describe('pages under the Content-Security-Policy', () => {
  it('a locked sign-in says when to retry; the admin signs in and every page renders with no violation', async () => {
    for (let i = 0; i < 6; i++)
      await signIn({ username: OPERATOR.username, password: `wrong-${i}` });
    await expect
      .poll(() => page.getByTestId('form-error').textContent(), { timeout: 15_000 })
      .toMatch(/Too many failed sign-ins\. Try again in 15 min \(at .+\)\./);
    await screenshot(page, 'csp-sign-in-locked');
    await signIn(ADMIN);
    await page.waitForURL(`${r.server.url}/`);
    expect(violations).toEqual([]);
    for (const [path, testId] of [
      ['/health', 'nav-settings'],
      ['/check-log', 'paste-log-check'],
      ['/activity', 'nav-settings'],
      ['/throughput', 'nav-settings'],
      ['/settings', 'defaults-form'],
      ['/hosts', 'nav-hosts'],
    ] as const) {
      await page.goto(`${r.server.url}${path}`);
      await page.getByTestId(testId).first().waitFor({ timeout: 30_000 });
    }
    expect(violations).toEqual([]);
  }, 180_000);

  it('checking a pasted log (a route handler from a client component) works and shows a cut line', async () => {
    await page.goto(`${r.server.url}/check-log`);
    await page
      .getByTestId('paste-log-text')
      .fill(
        `/dev/shm${'x'.repeat(70 * 1024)}\n[2025-03-23 23:13:34] [p.py[line:1]] [ERROR] [[18]任务视频驱动队列满，严重阻塞]\n`,
      );
    await page.getByTestId('paste-log-check').click();
    await page.getByTestId('paste-log-result').waitFor();
    expect(await page.getByTestId('paste-log-cut').textContent()).toMatch(
      /1 line longer than 65536 bytes/,
    );
    expect(await page.locator('[data-signature="queue_full"]').getAttribute('data-count')).toBe(
      '1',
    );
    expect(violations).toEqual([]);
  }, 120_000);

  it('the Users page lists the lock and Unlock lifts it (a server action)', async () => {
    await page.goto(`${r.server.url}/users`);
    const row = page.locator(`[data-testid="sign-in-lock"][data-user="${OPERATOR.username}"]`);
    await row.waitFor();
    await screenshot(page, 'csp-users-locks');
    await row.getByTestId('unlock').click();
    await expect
      .poll(() => page.getByTestId('users-message').textContent(), { timeout: 15_000 })
      .toMatch(`Lock of ${OPERATOR.username} lifted.`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    expect(violations).toEqual([]);
  }, 120_000);

  it('another site cannot frame the console (a page without the headers can be framed)', async () => {
    const port = await freePort();
    const control = await freePort();
    const framer = http.createServer((req, res) => {
      const src = req.url === '/control' ? `http://127.0.0.1:${control}/` : `${r.server.url}/login`;
      res.setHeader('content-type', 'text/html');
      res.end(`<iframe src="${src}" onload="document.title = 'loaded'"></iframe>`);
    });
    const plain = http.createServer((_req, res) =>
      res.setHeader('content-type', 'text/html').end('<input name="username">'),
    );
    await new Promise<void>((resolve) => framer.listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => plain.listen(control, '127.0.0.1', resolve));
    const formInFrame = async (path: string) => {
      await page.goto(`http://127.0.0.1:${port}${path}`);
      await page.waitForFunction(() => document.title === 'loaded');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      return (
        (await frame
          ?.evaluate(() => document.querySelector('[name="username"]') !== null)
          .catch(() => false)) ?? false
      );
    };
    try {
      expect(await formInFrame('/control')).toBe(true);
      expect(await formInFrame('/console')).toBe(false);
    } finally {
      framer.close();
      plain.close();
    }
  }, 60_000);
});

// The container page's log, live, in Chromium against a lab host: a line the service writes appears without a
// reload, highlighted; Pause holds the view and counts what waits, Resume shows it; Download saves the lines; the
// follower is counted against the host's limit while the page is open and released when the reader leaves.
// Screenshots in both languages under test-output/screenshots/.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heygem, QUEUE_FULL_MSG, UUID } from '../unit/diagnosis/real-lines';
import { launchBrowser, screenshot, signInPage, type TestBrowser } from '../helpers/browser';
import {
  appendServiceLog,
  createServiceContainer,
  labStatus,
  removeContainer,
} from '../helpers/lab';
import { addLabHost } from '../helpers/lab-fleet';
import { consoleWithRoles, VIEWER, type Roles } from '../integration/web/session';

const NAME = 'follow-ui-digital-human-service-1';
const PORT = 7931;
// The service's queue-full line in its own logger's format (test/unit/diagnosis/real-lines.ts).
const QUEUE_FULL = heygem('2026-12-03 10:00:00', UUID, QUEUE_FULL_MSG, 'ERROR');

let r: Roles;
let browser: TestBrowser;
let page: Page;
let hostId = '';

const writeLine = (line: string) => appendServiceLog('h1', NAME, line);
const lines = () => page.locator('[data-testid="log-line"]').allTextContents();
const liveState = () => page.getByTestId('log-live-state').getAttribute('data-state');
const followUrl = () =>
  `${r.server.url}/api/containers/${hostId}/${NAME}/logs/follow?source=gradio&lines=10`;

/** The status of a follow request (then it is closed at once, as a reader leaving would). */
async function followStatus(): Promise<number> {
  const stop = new AbortController();
  const res = await fetch(followUrl(), {
    headers: { cookie: r.viewer.cookieHeader() },
    signal: stop.signal,
  });
  stop.abort();
  return res.status;
}

beforeAll(async () => {
  const lab = await labStatus();
  await createServiceContainer('h1', { name: NAME, port: PORT, state: 'healthy' });
  // One follower per host: the open page takes it, so a second reader is refused until the page goes.
  Object.assign(process.env, {
    CONSOLE_PROBE_INTERVAL_MS: '3000',
    CONSOLE_LOG_FOLLOWERS_PER_HOST: '1',
  });
  r = await consoleWithRoles();
  hostId = await addLabHost(r.admin, lab.hosts[0]!);
  browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  page = browser.page;
  await signInPage(page, r.server.url, VIEWER);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await r?.server.stop();
  await removeContainer('h1', NAME).catch(() => undefined);
  delete process.env.CONSOLE_PROBE_INTERVAL_MS;
  delete process.env.CONSOLE_LOG_FOLLOWERS_PER_HOST;
});

describe('live log on the container page', () => {
  it('shows a new line as the service writes it, highlighted, without a reload', async () => {
    await page.goto(`${r.server.url}/containers/${hostId}/${NAME}`);
    await expect.poll(liveState, { timeout: 60_000 }).toBe('live');
    await writeLine(QUEUE_FULL);
    await expect
      .poll(lines, { timeout: 15_000 })
      .toContainEqual(expect.stringContaining('下游队列异常'));
    const hit = page.locator('[data-testid="log-line"] [data-signature="queue_full"]');
    expect(await hit.last().textContent()).toContain('任务视频驱动队列满');
    await screenshot(page, 'log-follow-live-en');
  }, 120_000);

  it('Pause holds the view and counts the lines waiting; Resume shows them', async () => {
    await page.getByTestId('log-pause').click();
    await expect.poll(liveState).toBe('paused');
    await writeLine('written while paused');
    await expect
      .poll(() => page.getByTestId('log-live-state').textContent(), { timeout: 15_000 })
      .toBe('Paused: 1 new line waiting');
    expect(await lines()).not.toContainEqual(expect.stringContaining('written while paused'));
    await page.getByTestId('log-pause').click();
    await expect.poll(lines).toContainEqual(expect.stringContaining('written while paused'));
    await expect.poll(liveState).toBe('live');
  });

  it('Download saves the lines as the log wrote them', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('log-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${NAME}-gradio-.+\\.log$`));
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    expect(saved).toContain(`${QUEUE_FULL}\n`);
    expect(saved).toContain('written while paused\n');
  });

  it('counts against the host while open, and is released when the reader leaves', async () => {
    expect(await followStatus()).toBe(503);
    await page.click('[data-testid="locale-zh-CN"]');
    await expect
      .poll(() => page.getByTestId('log-live-state').textContent(), { timeout: 15_000 })
      .toBe('实时：服务写入的新行会立即显示');
    await screenshot(page, 'log-follow-live-zh-CN');
    await page.click('[data-testid="locale-en"]');
    await page.goto(`${r.server.url}/`);
    await expect.poll(followStatus, { timeout: 15_000 }).toBe(200);
  });
});

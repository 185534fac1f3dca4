// "Fix queue blocking" in a real browser on a broken lab container (a scratch one): an operator previews the runbook
// (argv, diffs, configuration changes, the domain truths), confirms, watches the live output, sees every part verified
// and the findings clear. A viewer sees no buttons and is refused by the server. Screenshots under test-output/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLabHost } from '../helpers/lab-fleet';
import { launchBrowser, screenshot as save, type TestBrowser } from '../helpers/browser';
import {
  createServiceContainer,
  inHost,
  labStatus,
  removeContainer,
  type LabStatus,
} from '../helpers/lab';
import { consoleWithRoles, OPERATOR, type Roles } from '../integration/web/session';

const NAME = 'rx-br-1';
const PORT = 7906;
let r: Roles;
let lab: LabStatus;
let browser: TestBrowser;
let page: Page;
let hostId = '';

async function screenshot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  return save(p, name);
}

beforeAll(async () => {
  lab = await labStatus();
  await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
  Object.assign(process.env, {
    CONSOLE_PROBE_INTERVAL_MS: '3000',
    CONSOLE_SSH_CONNECT_TIMEOUT_MS: '3000',
  });
  r = await consoleWithRoles();
  hostId = await addLabHost(r.admin, lab.hosts[0]!);
  browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  page = browser.page;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await r?.server.stop();
  for (const k of ['CONSOLE_PROBE_INTERVAL_MS', 'CONSOLE_SSH_CONNECT_TIMEOUT_MS'])
    delete process.env[k];
  const left = await inHost('h1', ['docker', 'ps', '-a', '--format', '{{.Names}}']).catch(() => ({
    stdout: '',
  }));
  for (const n of left.stdout.split('\n').filter((x) => x.startsWith(NAME)))
    await removeContainer('h1', n).catch(() => undefined);
});

const findings = () =>
  page
    .locator('[data-testid="finding"]')
    .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-finding')));

describe('remedies in Chromium', () => {
  it('a viewer sees no remedy buttons, and the server refuses a viewer anyway', async () => {
    const viewerPage = await r.viewer.request('GET', `/containers/${hostId}/${NAME}`);
    expect(viewerPage.body).not.toContain('data-testid="remedy-fix-queue-blocking"');
    const refused = await r.viewer.post('/api/jobs', { hostId, container: NAME, name: 'restart' });
    expect(refused.status).toBe(403);
    expect(
      (await r.viewer.post('/api/jobs/preview', { hostId, container: NAME, name: 'restart' }))
        .status,
    ).toBe(403);
  });

  it('an operator previews and runs Fix queue blocking, follows it live, and the findings clear', async () => {
    await page.goto(`${r.server.url}/login`);
    await page.fill('[name="username"]', OPERATOR.username);
    await page.fill('[name="password"]', OPERATOR.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${r.server.url}/`);
    await page.goto(`${r.server.url}/containers/${hostId}/${NAME}`);
    await expect.poll(findings, { timeout: 60_000, interval: 500 }).toContain('cpu_fallback');
    await screenshot(page, 'remedy-before');

    // With the short test before and after (built-in pair), as the operator ticks it.
    await page.check('[data-testid="runbook-test"]');
    await page.click('[data-testid="remedy-fix-queue-blocking"]');
    const dialog = page.locator('[data-testid="preview-dialog"]');
    await dialog.locator('[data-testid="plan-view"]').waitFor({ timeout: 60_000 });
    const parts = await dialog
      .locator('[data-testid^="plan-part-"]')
      .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-testid')));
    expect(parts).toEqual([
      'plan-part-pin-ort',
      'plan-part-ort-env',
      'plan-part-session-options',
      'plan-part-shm',
      'plan-part-batch-size',
      'plan-part-restart',
    ]);
    const notices = (
      await dialog.locator('[data-testid="plan-notice-info"]').allTextContents()
    ).join(' ');
    expect(notices).toMatch(/no known effect/i);
    expect(notices).toMatch(/short test .* before the first step and after verification/i);
    expect(await dialog.locator('[data-testid="plan-argv"]').count()).toBeGreaterThan(2);
    // Each step is a sentence; its exact command is folded under it, a command line (not a JSON array) with each
    // inline script apart as code.
    const commands = await dialog.locator('[data-testid="plan-argv"]').allTextContents();
    expect(commands.filter((c) => c.startsWith('['))).toEqual([]);
    expect(await dialog.locator('[data-testid="plan-script"]').count()).toBeGreaterThan(0);
    expect(await dialog.locator('[data-testid="plan-step-details"][open]').count()).toBe(0);
    expect(
      (await dialog.locator('[data-testid="plan-diff"]').allTextContents()).join('\n'),
    ).toContain('+batch_size = 1');
    expect(await dialog.locator('[data-testid="plan-changes"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'remedy-preview');
    // A real modal: Run is in view without scrolling however long the plan, the focus is inside, Esc closes it.
    const run = await dialog.locator('[data-testid="preview-confirm"]').boundingBox();
    const view = page.viewportSize()!;
    expect(run && run.y >= 0 && run.y + run.height <= view.height, JSON.stringify(run)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') != null)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    await page.click('[data-testid="remedy-fix-queue-blocking"]');
    await dialog.locator('[data-testid="plan-view"]').waitFor({ timeout: 60_000 });

    await dialog.locator('[data-testid="preview-confirm"]').click();
    const live = page.locator('[data-testid="job-live"]');
    const startError = page.locator('[data-testid="start-error"]');
    await Promise.race([
      live.waitFor({ timeout: 60_000 }),
      startError.waitFor({ timeout: 60_000 }),
    ]);
    if (await startError.isVisible())
      throw new Error(`the job did not start: ${await startError.textContent()}`);
    await expect
      .poll(async () => await live.locator('[data-testid="job-log"] div').count(), {
        timeout: 60_000,
      })
      .toBeGreaterThan(3);
    await screenshot(page, 'remedy-running');
    const jobId = (await live.getAttribute('data-job-id'))!;
    // Where it stuck or why it failed: the job's state and its last log lines, straight from the console's database.
    const diagnose = async () => {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(`${r.server.dataDir}/console.db`, { readonly: true });
      const job = JSON.stringify(
        db
          .prepare('SELECT status, steps_done, step_count, error, result FROM jobs WHERE id = ?')
          .get(jobId),
      );
      const events = JSON.stringify(
        db
          .prepare(
            'SELECT at, type, step, substr(text, 1, 300) AS text FROM job_events WHERE job_id = ? ORDER BY id DESC LIMIT 15',
          )
          .all(jobId),
      );
      db.close();
      return `job ${job}\nlast events ${events}`;
    };
    await expect
      .poll(() => live.getAttribute('data-job-status'), { timeout: 300_000, interval: 1000 })
      .not.toBe('running')
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\n${await diagnose()}`);
      });
    const status = await live.getAttribute('data-job-status');
    if (status !== 'succeeded') throw new Error(`job ended ${status}\n${await diagnose()}`);
    const verified = await live
      .locator('[data-testid="job-verification"]')
      .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-ok')));
    expect(verified.length).toBe(6);
    expect(verified.every((v) => v === 'true')).toBe(true);
    // The steps as a list, every one done; the bar full.
    const states = await live
      .locator('[data-testid="job-step"]')
      .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(5);
    expect(states.filter((s) => s !== 'done')).toEqual([]);
    const bar = live.getByTestId('job-progress-bar');
    expect(await bar.getAttribute('aria-valuenow')).toBe(await bar.getAttribute('aria-valuemax'));
    // Read by people: commands as one would type them (not JSON arrays), verification in words (not a JSON object).
    const logText = await live.locator('[data-testid="job-log"] div').allTextContents();
    expect(logText.filter((l) => l.startsWith('$ ')).length).toBeGreaterThan(3);
    expect(logText.filter((l) => l.startsWith('$ ["'))).toEqual([]);
    const verification = (
      await live.locator('[data-testid="job-verification"]').allTextContents()
    ).join('\n');
    expect(verification).toMatch(/a new session gets intra-op \d+, inter-op \d+/);
    expect(verification).not.toContain('{"');
    // The tests before and after: the broken service failed jobs, the fixed one ran them all, and the verdict says so.
    expect(await live.locator('[data-testid="job-test-before"]').textContent()).toMatch(
      /[012]\/3 jobs succeeded/,
    );
    expect(await live.locator('[data-testid="job-test-after"]').textContent()).toMatch(
      /3\/3 jobs succeeded/,
    );
    const verdict = live.locator('[data-testid="job-tests-verdict"]');
    expect(await verdict.getAttribute('data-fixed')).toBe('true');
    expect(await verdict.textContent()).toMatch(
      /^fixed: 3\/3 jobs succeeded, [\d.]+x faster, no queue-full lines$/,
    );

    // The console's own probes see the change: the CPU fallback, small shm and batch size findings are gone.
    await expect
      .poll(
        async () => {
          const ids = await findings();
          return ['cpu_fallback', 'shm_small', 'batch_size'].some((f) => ids.includes(f));
        },
        { timeout: 120_000, interval: 1000 },
      )
      .toBe(false);
    expect(await page.getAttribute('[data-testid="value-ort"]', 'data-value')).toBe('1.16.0');
    await screenshot(page, 'remedy-after');

    // The shm re-creation kept the original, stopped: the job says so, and the operator discards it in two clicks.
    const kept = live.locator('[data-testid="job-kept-original"]');
    expect(await kept.textContent()).toMatch(new RegExp(`${NAME}-dhc-old-\\d{8}T\\d{6}Z`));
    const oldName = /(\S+-dhc-old-\S+?Z)/.exec((await kept.textContent()) ?? '')![1]!;
    expect(
      (
        await inHost('h1', [
          'docker',
          'ps',
          '-a',
          '--filter',
          `name=^${oldName}$`,
          '--format',
          '{{.State}}',
        ])
      ).stdout.trim(),
    ).toBe('exited');
    await kept.locator('[data-testid="job-discard-original"]').click();
    expect(await kept.textContent()).toMatch(/Undo of this job is then no longer possible/);
    await kept.locator('[data-testid="job-discard-confirm"]').click();
    await live.locator('[data-testid="job-original-discarded"]').waitFor({ timeout: 60_000 });
    expect(
      (
        await inHost('h1', [
          'docker',
          'ps',
          '-a',
          '--filter',
          `name=^${oldName}$`,
          '--format',
          '{{.State}}',
        ])
      ).stdout.trim(),
    ).toBe('');
    await expect.poll(() => live.locator('[data-testid="job-undo"]').count()).toBe(0);

    // The job's page lists its options by name, in words (it showed {"test":true}).
    await page.goto(`${r.server.url}/activity/${jobId}`);
    const params = page.locator('[data-testid="job-params"]');
    await params.waitFor({ timeout: 30_000 });
    expect(await params.locator('[data-param="test"]').textContent()).toMatch(
      /^Run a short test before and after:\s*yes$/,
    );
    await screenshot(page, 'remedy-job-page');
  }, 900_000);
});

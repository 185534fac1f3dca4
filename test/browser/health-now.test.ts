// Health that tells the truth about now, in Chromium against the lab: a broken scratch container blocks; its numbers
// agree between the panel and the chart; the runbook (with a test before and after) fixes it, the re-creation shows
// as a job at work (never as "Unexpected error"), and within one probe round the fleet, health and container pages
// show it Healthy, the old events as history; the original kept for undo appears only under its job; a host key
// rotated under a live connection stops use of the host within the re-check bound. Screenshots in both languages.
import { Client, handle_file } from '@gradio/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_ISSUE_KINDS } from '@/lib/remote/issues';
import { addLabHost } from '../helpers/lab-fleet';
import {
  launchBrowser,
  screenshot as save,
  signInPage,
  type TestBrowser,
} from '../helpers/browser';
import {
  createServiceContainer,
  inHost,
  labStatus,
  removeContainer,
  restoreHostKey,
  rotateHostKey,
  type LabStatus,
} from '../helpers/lab';
import { mp4, wav } from '../integration/probes/media';
import { consoleWithRoles, VIEWER, type Roles } from '../integration/web/session';

const NAME = 'rx-now-1';
const PORT = 7908;
const INTERVAL_MS = 3000;
const RECHECK_MS = 3000;
let r: Roles;
let lab: LabStatus;
let browser: TestBrowser;
let page: Page;
let hostId = '';
let jobId = '';

interface Detail {
  row: { health: string };
  report: {
    signatures: Record<string, { count: number }>;
    lastHour: Record<string, number>;
    busy?: unknown;
    transition?: unknown;
    errors: { kind: string }[];
  };
}
const detail = async () => (await r.viewer.get(`/api/containers/${hostId}/${NAME}`)).json<Detail>();
const findings = () =>
  page
    .locator('[data-testid="finding"]')
    .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-finding')));

async function screenshot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  return save(p, name);
}

/** The top bar names the viewer's zone in the page's language: proof the switch took effect. */
const inLanguage = (lang: 'en' | 'zh-CN') =>
  expect
    .poll(() => page.locator('[data-testid="viewer-zone"]').textContent(), { timeout: 15_000 })
    .toMatch(lang === 'en' ? /^Times in / : /^时区：/);

async function inBothLanguages(name: string, ready: () => Promise<unknown>) {
  await screenshot(page, `${name}-en`);
  await page.click('[data-testid="locale-zh-CN"]');
  await inLanguage('zh-CN');
  await ready();
  await screenshot(page, `${name}-zh-CN`);
  await page.click('[data-testid="locale-en"]');
  await inLanguage('en');
  await ready();
}

beforeAll(async () => {
  lab = await labStatus();
  await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
  Object.assign(process.env, {
    CONSOLE_PROBE_INTERVAL_MS: String(INTERVAL_MS),
    CONSOLE_SSH_CONNECT_TIMEOUT_MS: '3000',
    CONSOLE_SSH_HOSTKEY_RECHECK_MS: String(RECHECK_MS),
  });
  r = await consoleWithRoles();
  hostId = await addLabHost(r.admin, lab.hosts[0]!);
  browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  page = browser.page;
  await signInPage(page, r.server.url, VIEWER);
}, 300_000);

afterAll(async () => {
  await restoreHostKey('h1').catch(() => undefined);
  await browser?.close();
  await r?.server.stop();
  for (const k of [
    'CONSOLE_PROBE_INTERVAL_MS',
    'CONSOLE_SSH_CONNECT_TIMEOUT_MS',
    'CONSOLE_SSH_HOSTKEY_RECHECK_MS',
  ])
    delete process.env[k];
  const left = await inHost('h1', ['docker', 'ps', '-a', '--format', '{{.Names}}']).catch(() => ({
    stdout: '',
  }));
  for (const n of left.stdout.split('\n').filter((x) => x.startsWith(NAME)))
    await removeContainer('h1', n).catch(() => undefined);
});

describe('health tells the truth about now', () => {
  it("a blocking container: the panel, the chart and the findings count the same events, in the viewer's clock", async () => {
    const app = await Client.connect(`http://${lab.hosts[0]!.address}:${PORT}/`);
    const media = () => [
      handle_file(new Blob([new Uint8Array(wav(3))])),
      handle_file(new Blob([new Uint8Array(mp4(3))])),
    ];
    const settled = await Promise.allSettled([0, 1, 2].map(() => app.predict('/predict', media())));
    expect(settled.some((s) => s.status === 'rejected')).toBe(true);
    await expect
      .poll(async () => (await detail()).report.signatures.queue_full?.count ?? 0, {
        timeout: 60_000,
        interval: 1000,
      })
      .toBeGreaterThan(0);

    await page.goto(`${r.server.url}/containers/${hostId}/${NAME}`);
    await expect
      .poll(async () => (await findings())[0], { timeout: 30_000 })
      .toBe('queue_blocking');
    const panel = page.locator('[data-testid="signature"][data-signature="queue_full"]');
    const inWindow = page.locator('[data-testid="queue-full-window"]');
    await inWindow.waitFor({ timeout: 30_000 });
    // Chart and panel agree (both refresh on their own; compare once both have the same events).
    await expect
      .poll(
        async () => [
          await panel.getAttribute('data-count'),
          await inWindow.getAttribute('data-value'),
        ],
        { timeout: 30_000 },
      )
      .toEqual([expect.stringMatching(/^[1-9]/), await panel.getAttribute('data-count')]);
    const d = await detail();
    expect(Number(await page.getAttribute('[data-testid="queue-full-total"]', 'data-value'))).toBe(
      d.report.lastHour.queue_full,
    );
    // An empty scale of counts reads 0 and its top, never "0, 1, 1".
    const ticks = await page
      .locator('[data-testid="chart-queue-full-tick"]')
      .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-value')));
    expect(new Set(ticks).size).toBe(ticks.length);
    // One clock: the window and chart name the viewer's zone; the finding's times are in it.
    expect(await page.locator('[data-testid="viewer-zone"]').textContent()).toMatch(
      /^Times in \S+/,
    );
    expect(await page.getAttribute('[data-testid="health-window"]', 'data-basis')).toBe(
      'service_start',
    );
    expect(await page.locator('[data-testid="health-window"]').textContent()).toMatch(
      /Log evidence counts from the service's start \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} (UTC|GMT[+-]\d+)\)/,
    );
    const evidence = await page
      .locator('[data-testid="finding"]')
      .first()
      .locator('[data-testid="evidence"]')
      .first()
      .textContent();
    expect(evidence).toMatch(
      /^Video-driving queue full: \d+ events since the service started \(.+\) \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+ to .+\), tasks /,
    );
    await inBothLanguages('now-blocking', () =>
      expect
        .poll(async () =>
          page
            .locator('[data-testid="finding"]')
            .first()
            .locator('[data-testid="finding-title"]')
            .textContent(),
        )
        .toMatch(/队列阻塞|Queue blocking/),
    );
  }, 240_000);

  it('the runbook re-creates and restarts it: a job at work, never an error; then Healthy within one round, the old events history', async () => {
    const req = { hostId, container: NAME, name: 'fix-queue-blocking', params: { test: true } };
    const preview = await r.operator.post('/api/jobs/preview', req);
    expect(preview.status, preview.body).toBe(200);
    const started = await r.operator.post('/api/jobs', {
      ...req,
      confirm: preview.json<{ plan: { hash: string } }>().plan.hash,
    });
    expect(started.status, started.body).toBe(201);
    jobId = started.json<{ job: { id: string } }>().job.id;

    // While it runs, the container page shows the job at work; whatever probe error it shows is a named state.
    const seenKinds = new Set<string>();
    let sawBusy = false;
    let shotBusy = false;
    let shotTransition = false;
    for (;;) {
      const job = (await r.viewer.get(`/api/jobs/${jobId}`)).json<{ job: { status: string } }>()
        .job;
      if (job.status !== 'running') break;
      const d = await detail().catch(() => null);
      if (d?.report.busy) sawBusy = true;
      for (const e of d?.report.errors ?? []) seenKinds.add(e.kind);
      if (!shotBusy && d?.report.busy) {
        await page.goto(`${r.server.url}/containers/${hostId}/${NAME}`);
        await page
          .locator('[data-testid="container-job"]')
          .waitFor({ timeout: 15_000 })
          .catch(() => undefined);
        if (await page.locator('[data-testid="container-job"]').isVisible()) {
          expect(await page.getAttribute('[data-testid="busy-link"]', 'href')).toBe(
            `/activity/${jobId}`,
          );
          await screenshot(page, 'now-job-at-work-en');
          shotBusy = true;
        }
      }
      if (!shotTransition && d?.report.transition) {
        await page.goto(`${r.server.url}/containers/${hostId}/${NAME}`);
        const banner = page.locator('[data-testid="container-job"]');
        await banner.waitFor({ timeout: 15_000 }).catch(() => undefined);
        if (/is changing this container/.test((await banner.textContent().catch(() => '')) ?? '')) {
          await screenshot(page, 'now-recreating-en');
          shotTransition = true;
        }
      }
      // biome-ignore lint/performance/useDomNodeTextContent: the text a user sees; textContent has the scripts too
      const text = await page.locator('body').innerText();
      expect(text).not.toContain('Unexpected error');
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}: /);
      await new Promise((res) => setTimeout(res, 1000));
    }
    expect(sawBusy).toBe(true);
    for (const k of seenKinds) expect(PROBE_ISSUE_KINDS).toContain(k);
    const job = (await r.viewer.get(`/api/jobs/${jobId}`)).json<{
      job: { status: string; result: { tests?: { verdict?: { fixed?: boolean; text?: string } } } };
    }>().job;
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');

    // Within one probe round (and the page's own refresh), every page says Healthy.
    const doneAt = Date.now();
    await page.goto(`${r.server.url}/containers/${hostId}/${NAME}`);
    const badge = () =>
      page.locator('[data-testid="container-title"] ~ [data-health]').getAttribute('data-health');
    await expect
      .poll(async () => (await findings())[0], { timeout: INTERVAL_MS * 2 + 10_000, interval: 250 })
      .toBe('healthy');
    expect(await badge()).toBe('healthy');
    const tookMs = Date.now() - doneAt;
    console.log(
      `runbook verified: the container page turned Healthy ${tookMs} ms later (probe interval ${INTERVAL_MS} ms)`,
    );
    expect(await findings()).toContain('history');
    expect(
      Number(
        await page.getAttribute(
          '[data-testid="signature"][data-signature="queue_full"]',
          'data-count',
        ),
      ),
    ).toBe(0);
    expect(
      Number(
        await page.getAttribute(
          '[data-testid="signature"][data-signature="queue_full"]',
          'data-history',
        ),
      ),
    ).toBeGreaterThan(0);
    expect(
      await page
        .locator('[data-testid="finding"][data-finding="history"] [data-testid="finding-title"]')
        .textContent(),
    ).toBe("Before the service's last restart (history, not counted in today's health)");
    await inBothLanguages('now-fixed-container', () =>
      page.locator('[data-testid="finding"]').first().waitFor(),
    );

    await page.goto(`${r.server.url}/health`);
    const row = page.locator(`[data-testid="health-row"][data-container="${NAME}"]`);
    await expect.poll(() => row.getAttribute('data-health'), { timeout: 15_000 }).toBe('healthy');
    await inBothLanguages('now-fixed-health', () => row.waitFor());

    await page.goto(`${r.server.url}/`);
    const fleetRow = page.locator(`[data-testid="container-row"][data-container="${NAME}"]`);
    await expect
      .poll(() => fleetRow.locator('[data-testid="fleet-health"]').getAttribute('data-health'), {
        timeout: 15_000,
      })
      .toBe('healthy');
    await inBothLanguages('now-fixed-fleet', () => fleetRow.waitFor());
  }, 900_000);

  it('the original kept for undo is not a service: only its job shows it, as kept for undo', async () => {
    const names = (
      await inHost('h1', ['docker', 'ps', '-a', '--format', '{{.Names}}'])
    ).stdout.split('\n');
    const kept = names.find((n) => n.startsWith(`${NAME}-dhc-old-`));
    expect(kept, names.join(', ')).toBeTruthy();
    const overview = (await r.viewer.get('/api/health')).json<{ containers: { name: string }[] }>();
    expect(overview.containers.map((c) => c.name)).not.toContain(kept);
    await page.goto(`${r.server.url}/`);
    await page
      .locator(`[data-testid="container-row"][data-container="${NAME}"]`)
      .waitFor({ timeout: 15_000 });
    expect(
      await page.locator(`[data-testid="container-row"][data-container="${kept}"]`).count(),
    ).toBe(0);
    await page.goto(`${r.server.url}/activity/${jobId}`);
    const keptBox = page.locator('[data-testid="job-kept-original"]');
    await keptBox.waitFor({ timeout: 30_000 });
    expect(await keptBox.textContent()).toContain(kept!);
    await inBothLanguages('now-kept-original-job', () => keptBox.waitFor());
  }, 120_000);

  it('a host key rotated under the live connection stops all use of the host within the re-check bound', async () => {
    await rotateHostKey('h1');
    const rotatedAt = Date.now();
    await page.goto(`${r.server.url}/health`);
    const issue = page.locator(
      '[data-testid="host-probe-failed"][data-host="h1"] [data-testid="host-issue"]',
    );
    await expect
      .poll(() => issue.getAttribute('data-kind').catch(() => null), {
        timeout: RECHECK_MS + INTERVAL_MS * 2 + 15_000,
        interval: 500,
      })
      .toBe('hostkey_changed');
    console.log(
      `host key rotated: the health page said so ${Date.now() - rotatedAt} ms later (re-check every ${RECHECK_MS} ms)`,
    );
    expect(await issue.textContent()).toBe('h1: host key changed: use stopped');
    // The summary no longer counts h1 as a host the containers are on (it said "on 1 host" before).
    expect(await page.getByTestId('health-summary').textContent()).toMatch(
      /^0 containers on 0 hosts that answer \(1 not answering\) · /,
    );
    // Nothing reaches the host any more: the container's log cannot be read, and says why.
    const logs = await r.viewer.get(
      `/api/containers/${hostId}/${NAME}/logs?source=gradio&lines=10`,
    );
    expect(logs.status).toBe(502);
    expect(logs.json<{ error: { code: string; kind: string } }>().error).toMatchObject({
      code: 'remote',
      kind: 'hostkey_changed',
    });
    await inBothLanguages('now-hostkey-changed', () => issue.waitFor());
    await page.goto(`${r.server.url}/`);
    await page
      .locator('[data-testid="host-card"] [data-host="h1"][data-status="mismatch"]')
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'now-hostkey-changed-fleet-en');
  }, 120_000);
});

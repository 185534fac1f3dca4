// Fleet health in a real browser against the lab: the console's own scheduler probes the lab hosts (and a hung one),
// three concurrent jobs block the broken container, and a viewer filters the health page to blocking containers,
// opens one and sees its findings, values, charts and the highlighted log. Screenshots under test-output/screenshots/.
import fs from 'node:fs';
import { Client, handle_file } from '@gradio/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot as save, type TestBrowser } from '../helpers/browser';
import { labStatus, type HostStatus, type LabStatus } from '../helpers/lab';
import { mp4, wav } from '../integration/probes/media';
import { consoleWithRoles, VIEWER, type Roles } from '../integration/web/session';

const BROKEN = 'starpainting-digital-human-service-1';
const HEALTHY = 'healthy-digital-human-service-1';
const TOKEN = 'metrics-token-for-the-browser-test';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

let r: Roles;
let lab: LabStatus;
let browser: TestBrowser;
let page: Page;
const ids: Record<string, string> = {};
let failedTasks: string[] = [];

interface Overview {
  containers: { hostName: string; name: string; health: string; top: { id: string } | null }[];
  hosts: { name: string; ok: boolean | null }[];
}
/** The top bar is sticky: from the top, a full-page screenshot shows it once, where it belongs. */
async function screenshot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  return save(p, name);
}

const overview = async () => (await r.viewer.get('/api/health')).json<Overview>();

async function addLabHost(h: HostStatus, groups: string) {
  const { reply } = await r.admin.action<{ host: { id: string } }>(
    'app/actions/add-host.ts',
    'addHostAction',
    [
      {
        name: h.name,
        address: h.address,
        port: h.port,
        user: h.user,
        dockerSocket: h.dockerSocket,
        groups,
        keyMode: 'paste',
        privateKey: fs.readFileSync(h.keyFile, 'utf8'),
      },
    ],
  );
  if (!reply?.ok) throw new Error(`adding ${h.name}: ${JSON.stringify(reply)}`);
  const pin = await r.admin.action('app/actions/trust-host-key.ts', 'trustHostKey', [
    { id: reply.data.host.id, fingerprint: h.fingerprint },
  ]);
  if (!pin.reply?.ok) throw new Error(`pinning ${h.name}: ${JSON.stringify(pin.reply)}`);
  ids[h.name] = reply.data.host.id;
}

beforeAll(async () => {
  lab = await labStatus();
  // The console inherits these: 3-s rounds, a short handshake deadline for the hung host, a scrape token.
  Object.assign(process.env, {
    CONSOLE_PROBE_INTERVAL_MS: '3000',
    CONSOLE_SSH_CONNECT_TIMEOUT_MS: '3000',
    CONSOLE_REMOTE_TIMEOUT_MS: '15000',
    CONSOLE_METRICS_TOKEN: TOKEN,
  });
  r = await consoleWithRoles();
  await addLabHost(lab.hosts[0]!, 'lab, beijing');
  await addLabHost(lab.hosts[1]!, 'lab, shanghai');
  const sink = await r.admin.action('app/actions/add-host.ts', 'addHostAction', [
    {
      name: 'blackholed',
      address: lab.sink.address,
      port: lab.sink.port,
      user: 'root',
      groups: 'lab',
      keyMode: 'generate',
    },
  ]);
  if (!sink.reply?.ok) throw new Error(`adding the sink: ${JSON.stringify(sink.reply)}`);
  browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  page = browser.page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await r?.server.stop();
  for (const k of [
    'CONSOLE_PROBE_INTERVAL_MS',
    'CONSOLE_SSH_CONNECT_TIMEOUT_MS',
    'CONSOLE_REMOTE_TIMEOUT_MS',
    'CONSOLE_METRICS_TOKEN',
  ])
    delete process.env[k];
});

describe('fleet health in Chromium', () => {
  it('route handlers check the role; metrics take the bearer token or a viewer session', async () => {
    expect((await r.anonymous.get('/api/health')).status).toBe(401);
    expect((await r.anonymous.get(`/api/containers/${ids.h1}/${BROKEN}`)).status).toBe(401);
    expect((await r.anonymous.get(`/api/containers/${ids.h1}/${BROKEN}/logs`)).status).toBe(401);
    expect((await r.anonymous.get('/api/metrics')).status).toBe(401);
    expect(
      (
        await r.anonymous.get('/api/metrics', {
          authorization: 'Bearer not-the-right-token-at-all',
        })
      ).status,
    ).toBe(401);
    for (const who of [r.viewer, r.operator, r.admin])
      expect((await who.get('/api/health')).status).toBe(200);
    const scrape = await r.anonymous.get('/api/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scrape.body).toContain('# TYPE dhc_signature_hits_total counter');
    expect((await r.viewer.get('/api/metrics')).status).toBe(200);
    expect((await r.viewer.get(`/api/containers/${ids.h1}/no-such-container`)).status).toBe(404);
    expect(
      (await r.viewer.get(`/api/containers/${ids.h1}/${BROKEN}/logs?source=../../etc/passwd`))
        .status,
    ).toBe(400);
  });

  it('the scheduler finds every lab container; three concurrent jobs make the broken one block on a full queue', async () => {
    await expect
      .poll(
        async () => {
          const o = await overview();
          return lab.hosts
            .flatMap((h) => h.containers.map((c) => `${h.name}/${c.name}`))
            .every((k) => o.containers.some((c) => `${c.hostName}/${c.name}` === k));
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
    const app = await Client.connect(`http://${lab.hosts[0]!.address}:7860/`);
    const settled = await Promise.allSettled(
      [0, 1, 2].map(() =>
        app.predict('/predict', [
          handle_file(new Blob([new Uint8Array(wav(3))])),
          handle_file(new Blob([new Uint8Array(mp4(3))])),
        ]),
      ),
    );
    failedTasks = settled.flatMap((s) =>
      s.status === 'rejected'
        ? (String((s.reason as { message?: string })?.message ?? '').match(UUID) ?? [])
        : [],
    );
    expect(failedTasks.length).toBeGreaterThan(0);
    await expect
      .poll(
        async () =>
          (await overview()).containers.find((c) => c.hostName === 'h1' && c.name === BROKEN)?.top
            ?.id,
        { timeout: 60_000, interval: 1000 },
      )
      .toBe('queue_blocking');
    await expect
      .poll(async () => (await overview()).hosts.find((h) => h.name === 'blackholed')?.ok, {
        timeout: 60_000,
        interval: 1000,
      })
      .toBe(false);
  }, 180_000);

  it('a viewer filters the health page to blocking containers', async () => {
    await page.goto(`${r.server.url}/login`);
    await page.fill('[name="username"]', VIEWER.username);
    await page.fill('[name="password"]', VIEWER.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${r.server.url}/`);
    await page.goto(`${r.server.url}/health`);
    await page
      .locator(`[data-testid="health-row"][data-container="${HEALTHY}"]`)
      .waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid="host-probe-failed"][data-host="blackholed"]')
      .waitFor({ timeout: 30_000 });
    expect(
      await page.locator('[data-testid="finding-count"][data-finding="queue_blocking"]').count(),
    ).toBe(1);
    await screenshot(page, 'health-fleet');

    await page.click('[data-testid="filter-health-blocking"]');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="health-row"]')
          .evaluateAll((rows) => rows.map((x) => x.getAttribute('data-health'))),
      )
      .not.toContain('healthy');
    const rows = page.locator('[data-testid="health-row"]');
    expect(await rows.evaluateAll((xs) => xs.map((x) => x.getAttribute('data-health')))).toEqual(
      expect.arrayContaining(['blocking']),
    );
    expect(
      await page.locator(`[data-testid="health-row"][data-container="${HEALTHY}"]`).count(),
    ).toBe(0);
    expect(page.url()).toContain('health=blocking');
    // Filtering by host group as well: only h1's containers are in "beijing".
    await page.selectOption('[data-testid="filter-group"]', 'beijing');
    await expect
      .poll(() => rows.evaluateAll((xs) => xs.map((x) => x.getAttribute('data-host'))))
      .toEqual(['h1']);
    await screenshot(page, 'health-blocking');
  }, 60_000);

  it("the fleet page shows each container's health badge and top finding, and the counts per finding", async () => {
    await page.goto(`${r.server.url}/`);
    const row = page.locator(`[data-testid="container-row"][data-container="${BROKEN}"]`);
    await expect
      .poll(() => row.locator('[data-testid="fleet-health"]').getAttribute('data-health'), {
        timeout: 30_000,
      })
      .toBe('blocking');
    expect(
      await row.locator('[data-testid="fleet-top-finding"]').getAttribute('data-finding'),
    ).toBe('queue_blocking');
    // The numbers staff look at first, on the fleet page itself (the same values the container page shows).
    const figure = (key: string) =>
      row.locator(`[data-testid="fleet-figure-${key}"]`).textContent();
    expect(await figure('ort')).toBe('1.18.0 · CPU');
    expect(await figure('shm')).toBe('64 MiB');
    expect(await figure('batch')).toBe('4');
    expect(await figure('gpu')).toBe('0 %');
    expect(Number(await figure('queue-full'))).toBeGreaterThanOrEqual(1);
    const healthyRow = page.locator(`[data-testid="container-row"][data-container="${HEALTHY}"]`);
    expect(await healthyRow.locator('[data-testid="fleet-figure-queue-full"]').textContent()).toBe(
      '0',
    );
    expect(
      await healthyRow.locator('[data-testid="fleet-health"]').getAttribute('data-health'),
    ).toBe('healthy');
    const count = page.locator('[data-testid="finding-count"][data-finding="queue_blocking"]');
    expect(await count.count()).toBe(1);
    expect(Number(await count.locator('span').last().textContent())).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'fleet-with-health');

    // Sorted by queue-full events (a header click), the blocking container comes first in its host's table; a
    // second click turns the order; the header says which way to screen readers.
    const order = () =>
      page
        .locator('[data-testid="container-row"]')
        .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-container')));
    const header = page.locator('[data-testid="sort-queueFull"]').first();
    await header.click();
    await expect
      .poll(async () => (await order()).indexOf(BROKEN) < (await order()).indexOf(HEALTHY))
      .toBe(true);
    expect(await page.locator('th[aria-sort="descending"]').count()).toBeGreaterThan(0);
    await header.click();
    await expect
      .poll(async () => (await order()).indexOf(HEALTHY) < (await order()).indexOf(BROKEN))
      .toBe(true);
    expect(await page.locator('th[aria-sort="ascending"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'fleet-sorted');
  }, 60_000);

  it('the fleet page filters in place by finding, health and host group (no reload), and keeps the filter in the address', async () => {
    // A marker on the window survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const row = (name: string) =>
      page.locator(`[data-testid="container-row"][data-container="${name}"]`);
    const card = (host: string) =>
      page.getByTestId('host-card').filter({ has: page.locator(`[data-host="${host}"]`) });
    expect(await card('blackholed').isVisible()).toBe(true);

    await page.click('[data-testid="finding-count"][data-finding="queue_blocking"]');
    await expect
      .poll(() => new URL(page.url()).search, { timeout: 10_000 })
      .toBe('?finding=queue_blocking');
    await expect.poll(() => row(HEALTHY).count(), { timeout: 10_000 }).toBe(0);
    expect(await row(BROKEN).isVisible()).toBe(true);
    expect(await card('blackholed').isVisible()).toBe(false); // nothing of it matches, its card is hidden
    expect(await page.getByTestId('fleet-showing').textContent()).toMatch(
      /^Showing [1-9]\d* of \d+$/,
    );
    await screenshot(page, 'fleet-filtered-queue-blocking');

    // Host group on top: h1 is in "beijing", h2 in "shanghai"; the broken h1 container goes away with "shanghai".
    await page.selectOption('[data-testid="filter-group"]', 'shanghai');
    await expect.poll(() => card('h1').isVisible(), { timeout: 10_000 }).toBe(false);
    expect(new URL(page.url()).searchParams.get('group')).toBe('shanghai');
    await page.selectOption('[data-testid="filter-group"]', 'beijing');
    await expect.poll(() => row(BROKEN).isVisible(), { timeout: 10_000 }).toBe(true);

    await page.click('[data-testid="clear-filters"]');
    await expect.poll(() => row(HEALTHY).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await card('blackholed').isVisible()).toBe(true);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

    // The address carries the filter: opening it shows the filtered fleet straight away.
    await page.goto(`${r.server.url}/?health=healthy`);
    await row(HEALTHY).waitFor({ timeout: 30_000 });
    await expect.poll(() => row(BROKEN).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getAttribute('[data-testid="filter-health-healthy"]', 'class')).toContain(
      'bg-slate-800',
    );

    // The health page stays the detailed view; its header offers the paste-a-log page.
    await page.click('[data-testid="fleet-health-link"]');
    await page.waitForURL(/\/health$/);
    expect(await page.getAttribute('[data-testid="health-check-log"]', 'href')).toBe('/check-log');
    await page
      .locator(`[data-testid="health-row"][data-container="${BROKEN}"]`)
      .waitFor({ timeout: 30_000 });
  }, 90_000);

  it('opens the blocking container: ranked findings with evidence, probe values, charts and the highlighted log', async () => {
    await page
      .locator(
        `[data-testid="health-row"][data-container="${BROKEN}"] [data-testid="container-link"]`,
      )
      .click();
    await page.waitForURL(new RegExp(`/containers/${ids.h1}/${BROKEN}$`));
    const first = page.locator('[data-testid="finding"]').first();
    await expect
      .poll(() => first.getAttribute('data-finding'), { timeout: 30_000 })
      .toBe('queue_blocking');
    expect(await first.locator('[data-testid="finding-title"]').textContent()).toBe(
      'Queue blocking',
    );
    const evidence = (await first.locator('[data-testid="evidence"]').allTextContents()).join('\n');
    expect(evidence).toMatch(
      /Video-driving queue full: \d+ events (since the service started|in the last)/,
    );
    expect(evidence).toContain('GPU utilisation for this container 0 %');
    expect(evidence).toContain('/dev/shm is 64 MiB');
    expect(evidence).toContain('[digital] batch_size = 4');
    // A remedy is not evidence (the version to pin is shown with the remedies).
    expect(evidence).not.toMatch(/Pin onnxruntime-gpu/);
    // The next finding does not repeat the facts listed under the first: it points back to them.
    const second = page.locator('[data-testid="finding"]').nth(1);
    expect(await second.getAttribute('data-finding')).toBe('cpu_fallback');
    const secondEvidence = await second.locator('[data-testid="evidence"]').allTextContents();
    expect(secondEvidence.filter((e) => evidence.includes(e))).toEqual([]);
    expect(await second.locator('[data-testid="evidence-elsewhere"]').textContent()).toMatch(
      /^\d+ more facts? listed under finding 1$/,
    );
    expect(await page.getAttribute('[data-testid="value-ort"]', 'data-value')).toBe('1.18.0');
    expect(await page.getAttribute('[data-testid="value-providers"]', 'data-value')).toBe(
      'CPUExecutionProvider',
    );
    expect(await page.getAttribute('[data-testid="value-shm"]', 'data-value')).toBe('64 MiB');
    expect(await page.getAttribute('[data-testid="value-batch"]', 'data-value')).toBe('4');
    expect(await page.getAttribute('[data-testid="value-gpu"]', 'data-value')).toBe(
      '0 % (no GPU process for this container)',
    );
    await page.locator('[data-testid="chart-gpu"]').waitFor();
    await page.locator('[data-testid="chart-queue-full-bar"]').first().waitFor({ timeout: 30_000 });

    const hit = page.locator('[data-testid="log-highlight"][data-signature="queue_full"]');
    await hit.first().waitFor({ timeout: 30_000 });
    expect(await hit.first().textContent()).toContain('任务视频驱动队列满');
    const task = failedTasks[0]!;
    await page.fill('[data-testid="log-search"]', task);
    await expect
      .poll(async () =>
        (await page.locator('[data-testid="log-line"]').allTextContents()).every((t) =>
          t.includes(task),
        ),
      )
      .toBe(true);
    expect(
      await page.locator('[data-testid="log-line"] [data-signature="queue_full"]').count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'health-container');

    await page.fill('[data-testid="log-search"]', '');
    await page.check('[data-testid="log-only-hits"]');
    await page.click('[data-testid="locale-zh-CN"]');
    await expect
      .poll(() => first.locator('[data-testid="finding-title"]').textContent())
      .toBe('队列阻塞');
    await screenshot(page, 'health-container-zh-CN');
    await page.click('[data-testid="locale-en"]');
  }, 120_000);
});

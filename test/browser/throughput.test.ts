// Throughput in a real browser against the lab: an operator uploads a pair, runs a test on a scratch container,
// follows the progress, reads the verdict and the before/after chart, and plays an output video. The routes are
// also called as each role and with bad input. Screenshots under test-output/screenshots/.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLabHost } from '../helpers/lab-fleet';
import { launchBrowser, screenshot as save, type TestBrowser } from '../helpers/browser';
import { createServiceContainer, labHost, removeContainer } from '../helpers/lab';
import { consoleWithRoles, OPERATOR, type Roles } from '../integration/web/session';

const execFileP = promisify(execFile);
const NAME = 'tp-browser-digital-human-service-1';
let r: Roles;
let browser: TestBrowser;
let page: Page;
let dir: string;
let hostId: string;

async function screenshot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  return save(p, name);
}

beforeAll(async () => {
  const h = await labHost('h1');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-tp-browser-'));
  const ff = ['-hide_banner', '-loglevel', 'error', '-y'];
  await execFileP('ffmpeg', [
    ...ff,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=330:duration=3',
    '-ar',
    '16000',
    '-ac',
    '1',
    path.join(dir, 'voice.wav'),
  ]);
  await execFileP('ffmpeg', [
    ...ff,
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=25:duration=3',
    '-pix_fmt',
    'yuv420p',
    '-c:v',
    'libx264',
    '-movflags',
    '+faststart',
    path.join(dir, 'face.mp4'),
  ]);
  fs.writeFileSync(path.join(dir, 'notes.mp4'), 'not a video at all\n'.repeat(100));
  Object.assign(process.env, { CONSOLE_PROBE_INTERVAL_MS: '3000' });
  r = await consoleWithRoles();
  hostId = await addLabHost(r.admin, h);
  await createServiceContainer('h1', { name: NAME, port: 7922, state: 'healthy' });
  browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await r?.server.stop();
  delete process.env.CONSOLE_PROBE_INTERVAL_MS;
  await removeContainer('h1', NAME);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const upload = (
  who: Roles['operator'],
  kind: string,
  body: Buffer,
  headers: Record<string, string> = {},
) =>
  fetch(`${r.server.url}/api/throughput/inputs?kind=${kind}&name=x`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: {
      origin: who.origin,
      'content-type': 'application/octet-stream',
      cookie: `dhc_session=${who.cookie('dhc_session') ?? ''}`,
      ...headers,
    },
  });

/** A raw upload over node:http, to declare a size and to cut the connection half-way as a browser tab closing would. */
function rawUpload(
  declared: number,
  send: number,
  abort: boolean,
): Promise<{ status: number | null; body: string }> {
  const u = new URL(`${r.server.url}/api/throughput/inputs?kind=video&name=big.mp4`);
  return new Promise((resolve) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: `${u.pathname}${u.search}`,
      method: 'POST',
      headers: {
        origin: r.operator.origin,
        'content-type': 'application/octet-stream',
        'content-length': String(declared),
        cookie: `dhc_session=${r.operator.cookie('dhc_session') ?? ''}`,
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? null, body }));
    });
    req.on('error', () => resolve({ status: null, body: '' }));
    const head = fs.readFileSync(path.join(dir, 'face.mp4'));
    req.write(Buffer.concat([head, Buffer.alloc(Math.max(0, send - head.length))]));
    if (abort)
      setTimeout(() => {
        req.destroy();
        resolve({ status: null, body: '' });
      }, 300);
  });
}

const partials = () => {
  const d = path.join(r.server.dataDir, 'throughput', 'inputs');
  return fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith('.part')) : [];
};

describe('throughput pages', () => {
  it('a declared size over the limit gets 413 with the limit; an upload cut half-way leaves no partial file', async () => {
    const big = await rawUpload(250 * 1024 * 1024, 64 * 1024, false);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toBe(
      'the file is larger than the upload limit of 200 MB',
    );
    const before = (await r.viewer.get('/api/throughput/inputs')).json<{ inputs: unknown[] }>()
      .inputs.length;
    await rawUpload(8 * 1024 * 1024, 2 * 1024 * 1024, true);
    await expect.poll(partials, { timeout: 15_000, interval: 100 }).toEqual([]);
    expect(
      (await r.viewer.get('/api/throughput/inputs')).json<{ inputs: unknown[] }>().inputs.length,
    ).toBe(before);
  }, 60_000);

  it('roles and bad input on the routes', async () => {
    const text = fs.readFileSync(path.join(dir, 'notes.mp4'));
    const bad = await upload(r.operator, 'video', text);
    expect(bad.status).toBe(415);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /checked by content/,
    );
    expect(
      (await upload(r.viewer, 'video', fs.readFileSync(path.join(dir, 'face.mp4')))).status,
    ).toBe(403);
    expect(
      (
        await upload(r.operator, 'video', fs.readFileSync(path.join(dir, 'face.mp4')), {
          origin: 'http://evil.example',
        })
      ).status,
    ).toBe(403);
    expect((await r.viewer.get('/api/throughput/inputs')).status).toBe(200);
    const start = await r.viewer.request('POST', '/api/throughput/runs', {
      headers: { origin: r.viewer.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ hostId, container: NAME, builtin: true }),
    });
    expect(start.status).toBe(403);
    // A first run through the API: the "before" that the browser's run is compared with.
    const first = await r.operator.request('POST', '/api/throughput/runs', {
      headers: { origin: r.operator.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ hostId, container: NAME, builtin: true, jobs: 2, concurrency: 2 }),
    });
    expect(first.status, first.body).toBe(200);
    const id = first.json<{ id: string }>().id;
    await expect
      .poll(
        async () =>
          (await r.viewer.get(`/api/throughput/runs/${id}`)).json<{ run: { status: string } }>().run
            .status,
        { timeout: 60_000, interval: 500 },
      )
      .toBe('done');
  }, 120_000);

  it('an operator uploads a pair, runs a test, sees progress and the verdict, and plays the output', async () => {
    await page.goto(`${r.server.url}/login`);
    await page.fill('[name="username"]', OPERATOR.username);
    await page.fill('[name="password"]', OPERATOR.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${r.server.url}/`);
    await page.goto(`${r.server.url}/throughput`);
    await page.setInputFiles('[data-testid="tp-upload-audio"]', path.join(dir, 'voice.wav'));
    await page.getByText('Stored voice.wav').waitFor({ timeout: 30_000 });
    await page.setInputFiles('[data-testid="tp-upload-video"]', path.join(dir, 'face.mp4'));
    await page.getByText('Stored face.mp4').waitFor({ timeout: 30_000 });
    await page.setInputFiles('[data-testid="tp-upload-video"]', path.join(dir, 'notes.mp4'));
    await page.getByText(/Refused: not a wav/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'throughput-inputs');
    await page
      .locator(`[data-testid="tp-container"] option[value="${hostId}|${NAME}"]`)
      .waitFor({ state: 'attached', timeout: 60_000 });
    await page.selectOption('[data-testid="tp-container"]', `${hostId}|${NAME}`);
    await page.selectOption('[data-testid="tp-audio"]', { label: 'voice.wav' });
    await page.selectOption('[data-testid="tp-video"]', { label: 'face.mp4' });
    await page.fill('[data-testid="tp-jobs"]', '4');
    await page.fill('[data-testid="tp-concurrency"]', '2');
    await page.click('[data-testid="tp-start"]');
    await page.waitForURL(/\/throughput\/runs\//);
    // A job is a row as soon as it starts, before it has figures (the run's stored detail, read as the page does).
    const started = page.url().split('/').pop()!;
    await expect
      .poll(
        async () =>
          (await r.viewer.get(`/api/throughput/runs/${started}`)).json<{
            run: { detail: { running?: unknown[] } };
          }>().run.detail.running?.length ?? 0,
        { timeout: 30_000, interval: 100 },
      )
      .toBeGreaterThan(0);
    await page.getByText(/of 4 jobs finished/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'throughput-running');
    const verdict = page.locator('[data-testid="tp-verdict"]');
    const runId = page.url().split('/').pop()!;
    await verdict.waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
      throw new Error(
        `${String(e)}\nrun: ${(await r.viewer.get(`/api/throughput/runs/${runId}`)).body.slice(0, 3000)}\nlog: ${r.server.logTail(40)}`,
      );
    });
    await page.locator('[data-testid="tp-chart"]').waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toMatch(
      /^fixed: 4\/4 jobs succeeded, [\d.]+x (faster|slower), no queue-full lines$/,
    );
    expect(await page.locator('[data-testid="tp-progress"]').textContent()).toBe(
      '4 of 4 jobs finished',
    );
    expect(await page.locator('[data-testid="tp-state"]').textContent()).toMatch(
      /ONNX Runtime 1\.16\.0 \(CUDAExecutionProvider/,
    );
    const video = page.locator('[data-testid="tp-video"]').first();
    const played = await video.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      await v.play().catch(() => undefined);
      const deadline = Date.now() + 15_000;
      while (v.currentTime === 0 && !v.error && Date.now() < deadline)
        await new Promise((res) => setTimeout(res, 100));
      v.pause();
      return { t: v.currentTime, error: v.error?.code ?? null, duration: v.duration };
    });
    expect(played.error).toBeNull();
    expect(played.t).toBeGreaterThan(0);
    expect(played.duration).toBeGreaterThan(2);
    await screenshot(page, 'throughput-result');

    // The container page keeps the history: this run in its list, and a bar of its mean job time.
    await page.goto(`${r.server.url}/containers/${hostId}/${NAME}`);
    const mine = page.locator('[data-testid="tp-container-run"]', {
      has: page.locator(`a[href="/throughput/runs/${runId}"]`),
    });
    await mine.waitFor({ timeout: 30_000 });
    expect(await mine.textContent()).toMatch(/4\/4 ok.*fixed: 4\/4 jobs succeeded/);
    const bars = await page
      .locator('[data-testid="tp-container-bar"]')
      .evaluateAll((xs) => xs.map((x) => Number(x.getAttribute('data-mean'))));
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.at(-1)).toBeGreaterThan(0);
    await page
      .locator('[data-testid="tp-container-runs"]')
      .screenshot({ path: 'test-output/screenshots/throughput-container-history.png' });
  }, 240_000);

  it('an upload shows how much is sent and how fast, and Cancel stops it with nothing stored', async () => {
    // A slow link (Chromium's own throttling, 128 KiB/s up) so that the upload is still under way when cancelled.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 128 * 1024,
    });
    fs.writeFileSync(path.join(dir, 'slow.wav'), Buffer.alloc(4 * 1024 * 1024, 7));
    await page.goto(`${r.server.url}/throughput`);
    await page.setInputFiles('[data-testid="tp-upload-audio"]', path.join(dir, 'slow.wav'));
    const progress = page.getByTestId('tp-upload-progress');
    await expect
      .poll(
        async () => Number(await progress.getByRole('progressbar').getAttribute('aria-valuenow')),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    expect(await progress.textContent()).toMatch(
      /^[\d.]+ (B|KiB|MiB) of 4 MiB sent, [\d.]+ (B|KiB|MiB)\/s/,
    );
    await screenshot(page, 'throughput-upload-progress');
    await page.getByTestId('tp-upload-cancel').click();
    await expect
      .poll(() => page.getByTestId('tp-upload-msg').textContent())
      .toBe('Upload of slow.wav cancelled: nothing was stored');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const inputs = (await r.operator.get('/api/throughput/inputs')).json<{
      inputs: { name: string }[];
    }>().inputs;
    expect(inputs.map((i) => i.name)).not.toContain('slow.wav');
    // The server dropped the part it had received.
    await expect
      .poll(() =>
        fs
          .readdirSync(path.join(r.server.dataDir, 'throughput', 'inputs'))
          .filter((f) => f.endsWith('.part')),
      )
      .toEqual([]);
  }, 120_000);
});

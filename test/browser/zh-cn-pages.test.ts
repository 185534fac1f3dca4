// Every page of the console in zh-CN, against the lab: the text a reader sees holds no English sentence. What may
// stay in Latin letters is what is not language: technical terms (ORT, CUDA, shm, batch_size…), names the lab
// gives (hosts, containers, images), versions, paths, ids and log lines (shown as they are written).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signInPage, type TestBrowser } from '../helpers/browser';
import { createServiceContainer, removeContainer } from '../helpers/lab';
import { addLabFleet, type LabFleet } from '../helpers/lab-fleet';
import { ADMIN, consoleWithRoles, OPERATOR, type Roles, VIEWER } from '../integration/web/session';

let r: Roles;
let fleet: LabFleet;
let browser: TestBrowser;
let page: Page;

// Words that are names or technical terms in Chinese text too (compared in lower case).
const TERMS = new Set(
  [
    'ORT',
    'ONNX',
    'Runtime',
    'onnxruntime',
    'onnxruntime-gpu',
    'CUDA',
    'cuDNN',
    'GPU',
    'CPU',
    'shm',
    'dev',
    'batch_size',
    'batch',
    'size',
    'OMP_WAIT_POLICY',
    'ORT_PARALLEL',
    'HeyGem',
    'Gradio',
    'Docker',
    'Compose',
    'SSH',
    'SHA256',
    'PID',
    'API',
    'URL',
    'JSON',
    'CLI',
    'dhc',
    'DH',
    'Fleet',
    'Console',
    'MiB',
    'GiB',
    'MB',
    'GB',
    'KiB',
    'ms',
    'UTC',
    'Asia',
    'Shanghai',
    'CUDAExecutionProvider',
    'CPUExecutionProvider',
    'pip',
    'ini',
    'config',
    'python',
    'app',
    'root',
    'admin',
    'operator',
    'viewer',
    'lab',
    'sink',
    'latest',
    'heygem',
    'digital',
    'human',
    'service',
    'healthy',
    'starpainting',
    'localhost',
    'http',
    'https',
    'simple',
    'nvidia',
    'smi',
    'ed25519',
    'rsa',
    'key',
    'tcp',
    'env',
    'conda',
    'opt',
    'envs',
    'bin',
    'tmp',
    'var',
    'log',
    'gradio',
    'hook',
    'zh',
    'en',
    'English',
    'session',
    'options',
    'Prometheus',
    'metrics',
    'job',
    'run',
    'wav',
    'mp4',
    'Web',
    'ffmpeg',
    'mov',
    'diagnose',
    // docker logs (a command); inter-op / intra-op (ONNX Runtime's thread pools)
    'logs',
    'inter',
    'intra',
  ].map((w) => w.toLowerCase()),
);

/** Words of three or more Latin letters that are not terms, names, ids or parts of a path, host or version. */
function englishWords(text: string, names: Set<string>): string[] {
  const out: string[] = [];
  for (const token of text.split(/[\s,;:()（）：，。、“”"'`[\]{}|<>=]+/)) {
    if (!/[A-Za-z]{3}/.test(token)) continue;
    if (/[/\\.@#]|\d/.test(token) && !/^[A-Za-z]+[.!?]$/.test(token)) continue; // paths, hosts, versions, ids
    // Identifiers: option and variable names (intra_op_num_threads, kSameAsRequested, OMP_WAIT_POLICY, SIGTERM).
    if (/_/.test(token) || /[a-z][A-Z]/.test(token) || /^[A-Z]{2,}$/.test(token)) continue;
    for (const word of token.split(/[-_]+/)) {
      const w = word.replace(/[.!?]$/, '');
      if (w.length < 3 || !/^[A-Za-z]+$/.test(w)) continue;
      if (TERMS.has(w.toLowerCase()) || names.has(w.toLowerCase())) continue;
      out.push(w);
    }
  }
  return out;
}

/** The text a reader sees, without log lines (kept as they are written). */
async function visibleText(p: Page): Promise<string> {
  return p.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll(
      'pre, code, [data-raw], [data-testid="log-line"], script, style',
    ))
      el.remove();
    document.body.appendChild(clone);
    clone.style.position = 'absolute';
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (hidden parts left out)
    const text = clone.innerText;
    clone.remove();
    return text;
  });
}

// A scratch container of this test's own, so that running a remedy here changes nothing another test reads.
const SCRATCH = 'zh-digital-human-service-1';

beforeAll(async () => {
  await createServiceContainer('h2', { name: SCRATCH, port: 7934, state: 'broken' });
  r = await consoleWithRoles();
  fleet = await addLabFleet(r.admin, { sink: true });
  browser = await launchBrowser({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  page = browser.page;
  await signInPage(page, r.server.url, ADMIN);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await r?.server.stop();
  await removeContainer('h2', SCRATCH).catch(() => undefined);
});

describe('the console in zh-CN', () => {
  it('renders every page without an English sentence', async () => {
    // Names given by the lab and the test: users, hosts (lab-h1, blackholed), containers.
    const names = new Set<string>([
      'lab',
      'blackholed',
      ...[ADMIN, OPERATOR, VIEWER].map((u) => u.username),
    ]);
    for (const h of fleet.lab.hosts)
      for (const c of h.containers)
        for (const w of c.name.split(/[-_]/)) names.add(w.toLowerCase());
    const first = fleet.services[0]!;
    const container = `/containers/${encodeURIComponent(first.hostId)}/${encodeURIComponent(first.container)}`;
    const pages: [string, string][] = [
      ['fleet', '/'],
      ['health', '/health'],
      ['container', container],
      ['activity', '/activity'],
      ['account', '/account'],
      ['audit', '/audit'],
      ['check-log', '/check-log'],
      ['hosts', '/hosts'],
      ['settings', '/settings'],
      ['throughput', '/throughput'],
      ['users', '/users'],
    ];
    const found: Record<string, string[]> = {};
    for (const [name, path] of pages) {
      await page.goto(`${r.server.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      const words = englishWords(await visibleText(page), names);
      if (words.length) found[name] = [...new Set(words)];
      await screenshot(page, `zh-CN-page-${name}`);
    }
    expect(found).toEqual({});
  });

  it('a Compose-managed container has "also edit the Compose file" ticked by default (the preview warns otherwise)', async () => {
    const compose = fleet.services.find((s) => s.container.startsWith('starpainting-'))!;
    const plain = fleet.services.find((s) => s.container.startsWith('healthy-'))!;
    const ticked = async (s: typeof compose) => {
      await page.goto(
        `${r.server.url}/containers/${encodeURIComponent(s.hostId)}/${encodeURIComponent(s.container)}`,
      );
      // Inside the folded Options (checked whether it is unfolded or not).
      const box = page.locator('[data-testid="remedy-options"] input[name="composeFile"]');
      await box.waitFor({ state: 'attached' });
      // The container's report (its Compose labels) arrives after the panel: wait for the probed page.
      await page.locator('[data-testid="findings"]').waitFor({ timeout: 30_000 });
      return box.isChecked();
    };
    expect(await ticked(compose)).toBe(true);
    expect(await ticked(plain)).toBe(false);
  });

  it('a preview and a job read in Chinese: titles, steps, notices, verification', async () => {
    const names = new Set([
      'lab',
      'zh',
      'digital',
      'human',
      'service',
      'config',
      'ini',
      'bak',
      'dhc',
    ]);
    const hostId = fleet.hostIds.get('h2')!;
    await page.goto(`${r.server.url}/containers/${encodeURIComponent(hostId)}/${SCRATCH}`);
    await page.locator('[data-testid="findings"]').waitFor({ timeout: 60_000 });
    // The runbook's preview: every part, notice and step title from the catalogs.
    await page.click('[data-testid="remedy-fix-queue-blocking"]');
    const dialog = page.locator('[data-testid="preview-dialog"]');
    await dialog.locator('[data-testid="plan-view"]').waitFor({ timeout: 60_000 });
    const words = (el: string) =>
      page.evaluate((sel) => {
        const clone = document.querySelector(sel)!.cloneNode(true) as HTMLElement;
        for (const x of clone.querySelectorAll('pre, code, [data-raw], details > :not(summary)'))
          x.remove();
        return clone.textContent ?? '';
      }, el);
    expect(englishWords(await words('[data-testid="preview-dialog"]'), names)).toEqual([]);
    await screenshot(page, 'zh-CN-preview');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // One remedy run to its end: its steps, the progress and the verification.
    await page.click('[data-testid="remedy-batch-size"]');
    await dialog.locator('[data-testid="plan-view"]').waitFor({ timeout: 60_000 });
    await dialog.locator('[data-testid="preview-confirm"]').click();
    const live = page.locator('[data-testid="job-live"]');
    await expect
      .poll(() => live.getAttribute('data-job-status'), { timeout: 120_000 })
      .toBe('succeeded');
    expect(englishWords(await words('[data-testid="job-live"]'), names)).toEqual([]);
    await screenshot(page, 'zh-CN-job');
  }, 240_000);
});

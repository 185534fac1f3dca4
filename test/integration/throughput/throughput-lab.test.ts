// Issue 6 "done when", on the lab: `dhc test` on a scratch broken container fails the default run (3 jobs, 3 at a
// time) with queue-full hits; the six fixes of DOMAIN.md applied by hand (as test/lab/blocking.test.ts does); the
// same run then succeeds, faster, and the comparison printed by `dhc test --json` shows both runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceContainer, inHost, labHost, removeContainer } from '../../helpers/lab';
import { dhc } from '../core/run-dhc';

const HOST = 'h1';
const NAME = 'tp-test-digital-human-service-1';
const OLD = `${NAME}-old`;
const FIXED_IMAGE = 'dh-lab/tp-test-fixed:1';
const PORT = 7921;
const ACTIVATE = '. /opt/conda/etc/profile.d/conda.sh && conda activate human';
const APP_DIR = '/app/HeyGem-Linux-Python-Hack';
let dir: string;
const data = () => ['--data', dir];

interface Out {
  run: { status: string; detail: { state: { ortVersion: string; shmBytes: number; batchSize: number }; jobs: { ok: boolean; error: string | null; output: string | null; outputBytes: number | null }[]; signatures: Record<string, { count: number }>; figures: { succeeded: number; jobs: number; meanJobMs: number | null; meanAllMs: number; queueFullHits: number }; verdict: { fixed: boolean; en: string; zh: string } } };
  comparison: { before: { succeeded: number; meanJobMs: number | null; meanAllMs: number }; after: { succeeded: number; meanJobMs: number }; speedup: number; verdict: { fixed: boolean; en: string; zh: string } } | null;
}

async function must(argv: string[]): Promise<string> {
  const r = await inHost(HOST, argv, { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}
const inC = (script: string, ...args: string[]) => must(['docker', 'exec', NAME, 'bash', '-c', script, 'bash', ...args]);

async function waitServing(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const r = await inHost(HOST, ['curl', '-sf', '-o', '/dev/null', `http://127.0.0.1:${PORT}/config`]);
    if (r.code === 0) return;
    if (Date.now() > deadline) throw new Error('service did not answer within 120 s');
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function testRun(): Promise<Out> {
  const r = await dhc(['test', `${HOST}/${NAME}`, '--builtin', '--json', ...data()]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Out;
}

beforeAll(async () => {
  const h = await labHost(HOST);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-throughput-'));
  expect((await dhc(['hosts', 'add', HOST, '--address', h.address, '--user', h.user, '--key-file', h.keyFile, '--docker-socket', h.dockerSocket, ...data()])).code).toBe(0);
  expect((await dhc(['hosts', 'trust', HOST, '--fingerprint', h.fingerprint, ...data()])).code).toBe(0);
  await removeContainer(HOST, OLD);
  await createServiceContainer(HOST, { name: NAME, port: PORT, state: 'broken' });
});

afterAll(async () => {
  await removeContainer(HOST, NAME);
  await removeContainer(HOST, OLD);
  await inHost(HOST, ['docker', 'rmi', '-f', FIXED_IMAGE]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dhc test before and after the fix', () => {
  let before: Out;

  it('the broken container fails the default run with queue-full hits, and its state is recorded', async () => {
    before = await testRun();
    const d = before.run.detail;
    expect(before.run.status).toBe('done');
    expect(d.state).toMatchObject({ ortVersion: '1.18.0', shmBytes: 64 * 1024 * 1024, batchSize: 4 });
    expect(d.jobs).toHaveLength(3);
    expect(d.figures.succeeded, JSON.stringify(d.jobs)).toBeLessThan(3);
    expect(d.signatures.queue_full?.count ?? 0).toBeGreaterThan(0);
    expect(d.figures.queueFullHits).toBeGreaterThan(0);
    expect(d.verdict.fixed).toBe(false);
    expect(d.verdict.en).toMatch(/^not fixed: \d\/3 jobs succeeded/);
    expect(d.verdict.zh).toMatch(/^未修复/);
  });

  it('after the six fixes the same run succeeds, faster, and the comparison shows both', async () => {
    await inC(`${ACTIVATE} && pip uninstall -y onnxruntime-gpu && pip install onnxruntime-gpu==1.16.0 -i http://127.0.0.1:3141/simple/`);
    await inC(`${ACTIVATE} && sp=$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') && printf '%s\\n' /usr/local/lib/dh-lab 'import ort_session_defaults' > "$sp/dh_lab_ort_defaults.pth"`);
    await inC(`sed -i 's/^\\(batch_size[[:space:]]*=[[:space:]]*\\).*$/\\11/' ${APP_DIR}/config/config.ini`);
    const inspect = JSON.parse(await must(['docker', 'inspect', NAME]))[0] as { Config: { Env: string[]; Labels: Record<string, string> }; HostConfig: { Binds: string[]; RestartPolicy: { Name: string } } };
    await must(['docker', 'commit', NAME, FIXED_IMAGE]);
    await must(['docker', 'stop', NAME]);
    await must(['docker', 'rename', NAME, OLD]);
    const env = [...inspect.Config.Env.filter((e) => !/^(PATH|ORT_PARALLEL|OMP_WAIT_POLICY)=/.test(e)), 'ORT_PARALLEL=0', 'OMP_WAIT_POLICY=ACTIVE'];
    await must(['docker', 'run', '-d', '--name', NAME, '--network', 'host', '--shm-size', '2g', '--restart', inspect.HostConfig.RestartPolicy.Name,
      ...env.flatMap((e) => ['-e', e]), ...inspect.HostConfig.Binds.flatMap((b) => ['-v', b]),
      ...Object.entries(inspect.Config.Labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), FIXED_IMAGE]);
    await waitServing();

    const after = await testRun();
    const d = after.run.detail;
    expect(d.state).toMatchObject({ ortVersion: '1.16.0', shmBytes: 2 * 1024 ** 3, batchSize: 1 });
    expect(d.jobs.map((j) => j.ok), JSON.stringify(d.jobs)).toEqual([true, true, true]);
    expect(d.signatures.queue_full).toBeUndefined();
    expect(d.verdict.fixed).toBe(true);
    // Every output video came back and is an MP4 (ftyp at byte 4).
    for (const j of d.jobs) {
      const file = path.join(dir, 'throughput', 'outputs', (after.run as unknown as { id: string }).id, j.output!);
      expect(fs.readFileSync(file).subarray(4, 8).toString()).toBe('ftyp');
      expect(fs.statSync(file).size).toBe(j.outputBytes);
    }
    const c = after.comparison!;
    expect(c.before.succeeded).toBe(before.run.detail.figures.succeeded);
    expect(c.after.succeeded).toBe(3);
    // Lower mean job time than before (before's successful jobs, or all its jobs when none succeeded).
    expect(c.after.meanJobMs).toBeLessThan(c.before.meanJobMs ?? c.before.meanAllMs);
    expect(c.speedup).toBeGreaterThan(1);
    expect(c.verdict.en).toMatch(/^fixed: 3\/3 jobs succeeded, [\d.]+x faster, no queue-full lines$/);
    console.log(`before: ${before.run.detail.verdict.en}; after: ${c.verdict.en} / ${c.verdict.zh}`);
    expect(c.verdict.zh).toMatch(/^已修复：/);
  });
});

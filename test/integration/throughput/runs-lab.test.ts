// The run engine in-process against a scratch healthy container of the lab: outputs kept, GPU samples taken for
// that container, no two runs on one container, cancel, and a run past its timeout stopped and reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { getHostByName } from '@/lib/hosts/service';
import { acquireLock, releaseLock } from '@/lib/locks/container-lock';
import { remote } from '@/lib/remote';
import { closeDb } from '@/lib/store/db';
import {
  builtinPair,
  cancelRun,
  getRun,
  outputsDir,
  startRun,
  type RunView,
} from '@/lib/throughput';
import { createServiceContainer, labHost, removeContainer } from '../../helpers/lab';
import { dhc } from '../core/run-dhc';

const HOST = 'h1';
const NAME = 'tp-run-digital-human-service-1';
let dir: string;
let hostId: string;
let pair: Awaited<ReturnType<typeof builtinPair>>;

async function until(what: string, ok: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  const h = await labHost(HOST);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-tprun-'));
  expect(
    (
      await dhc([
        'hosts',
        'add',
        HOST,
        '--address',
        h.address,
        '--user',
        h.user,
        '--key-file',
        h.keyFile,
        '--docker-socket',
        h.dockerSocket,
        '--data',
        dir,
      ])
    ).code,
  ).toBe(0);
  expect(
    (await dhc(['hosts', 'trust', HOST, '--fingerprint', h.fingerprint, '--data', dir])).code,
  ).toBe(0);
  closeDb();
  process.env.CONSOLE_DATA_DIR = dir;
  hostId = (await getHostByName(HOST))!.id;
  pair = await builtinPair();
  await createServiceContainer(HOST, { name: NAME, port: 7920, state: 'healthy' });
});

afterAll(async () => {
  remote.closeAll();
  closeDb();
  await removeContainer(HOST, NAME);
  fs.rmSync(dir, { recursive: true, force: true });
});

const spec = (o: { jobs?: number; concurrency?: number; timeoutMs?: number } = {}) => ({
  hostId,
  container: NAME,
  audioId: pair.audio.id,
  videoId: pair.video.id,
  actor: 'test',
  ...o,
});

describe('test runs on one container', () => {
  it('a healthy container: every job ok, outputs kept, GPU busy for this container, no signature', async () => {
    const run: RunView = await (await startRun(spec())).done;
    expect(run.status, run.error ?? '').toBe('done');
    expect(run.detail.jobs.map((j) => j.ok)).toEqual([true, true, true]);
    for (const j of run.detail.jobs) {
      expect(j.processingMs).toBeGreaterThan(0);
      expect(j.totalMs).toBeGreaterThanOrEqual(j.processingMs!);
      expect(
        fs
          .readFileSync(path.join(outputsDir(run.id), j.output!))
          .subarray(4, 8)
          .toString(),
      ).toBe('ftyp');
      // Private like everything under the data directory (they were 0644 in 0755 folders).
      expect(
        (fs.statSync(path.join(outputsDir(run.id), j.output!)).mode & 0o777).toString(8),
        j.output!,
      ).toBe('600');
    }
    for (const d of [
      path.join(dir, 'throughput'),
      path.join(dir, 'throughput', 'outputs'),
      outputsDir(run.id),
    ]) {
      expect((fs.statSync(d).mode & 0o777).toString(8), d).toBe('700');
    }
    expect(run.detail.gpu.length).toBeGreaterThan(0);
    expect(run.detail.figures!.gpuUtilMax).toBeGreaterThan(0);
    expect(run.detail.state!.sessionProviders).toContain('CUDAExecutionProvider');
    expect(renderText(run.detail.verdict, 'en')).toMatch(
      /^fixed: 3\/3 jobs succeeded, no queue-full lines$/,
    );
  });

  it('refuses a second run on the same container, naming the first; cancel stops it and frees the container', async () => {
    const first = await startRun(spec({ jobs: 6, concurrency: 1 }));
    await expect(startRun(spec())).rejects.toThrow(
      /^h1\/tp-run-digital-human-service-1 is busy: test run t-\S+ holds it/,
    );
    await until(
      'the first job to finish',
      async () => (await getRun(first.id)).detail.jobs.length >= 1,
    );
    expect(cancelRun(first.id)).toBe(true);
    const run = await first.done;
    expect(run.status).toBe('cancelled');
    expect(run.error).toBe('cancelled by the operator');
    expect(run.detail.jobs.length).toBeLessThan(6);
    const again = await startRun(spec({ jobs: 1, concurrency: 1 }));
    expect((await again.done).status).toBe('done');
  });

  it('refuses a run while a remedy job holds the container, naming the job', async () => {
    const job = await acquireLock(hostId, HOST, NAME, 'j-20990101-tp000001');
    try {
      await expect(startRun(spec())).rejects.toThrow(
        'h1/tp-run-digital-human-service-1 is busy: remedy job j-20990101-tp000001 holds it; wait for it to finish or cancel it',
      );
    } finally {
      await releaseLock(hostId, NAME, job);
    }
  });

  it('a run past its timeout is stopped and reported as timed out', async () => {
    const run = await (await startRun(spec({ jobs: 20, concurrency: 1, timeoutMs: 6000 }))).done;
    expect(run.status).toBe('timed_out');
    expect(run.error).toMatch(/passed its timeout of 6 s/);
    expect(run.detail.jobs.length).toBeLessThan(20);
  });
});

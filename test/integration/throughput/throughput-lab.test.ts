// Issue 6 "done when", on the lab: `dhc test` on a scratch broken container fails the default run (3 jobs, 3 at a
// time) with queue-full hits; `dhc runbook fix-queue-blocking --test` measures before, fixes, measures after; the
// same run then succeeds, faster, and the comparison printed by `dhc test --json` reads the runbook's run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Readable, renderText } from '@/lib/i18n/text';
import type { Verdict } from '@/lib/throughput/compare';
import { createServiceContainer, inHost, labHost, removeContainer } from '../../helpers/lab';
import { dhc } from '../core/run-dhc';

const HOST = 'h1';
const NAME = 'tp-test-digital-human-service-1';
const PORT = 7921;
let dir: string;
const data = () => ['--data', dir];

interface TestRun {
  runId: string;
  status: string;
  summary: Readable;
}
interface Job {
  status: string;
  result: {
    tests: { before: TestRun; after: TestRun; verdict: Verdict };
  };
}

interface Out {
  run: {
    id: string;
    status: string;
    detail: {
      state: { ortVersion: string; shmBytes: number; batchSize: number };
      jobs: {
        ok: boolean;
        error: string | null;
        output: string | null;
        outputBytes: number | null;
      }[];
      signatures: Record<string, { count: number }>;
      figures: {
        succeeded: number;
        jobs: number;
        meanJobMs: number | null;
        meanAllMs: number;
        queueFullHits: number;
      };
      verdict: Verdict;
    };
  };
  comparison: {
    before: { succeeded: number; meanJobMs: number | null; meanAllMs: number };
    after: { succeeded: number; meanJobMs: number };
    speedup: number;
    verdict: Verdict;
  } | null;
}

async function testRun(): Promise<Out> {
  const r = await dhc(['test', `${HOST}/${NAME}`, '--builtin', '--json', ...data()]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Out;
}

/** The container and the original the shm re-creation keeps stopped (`NAME-dhc-old-STAMP`) for undo. */
async function removeOurs(): Promise<void> {
  const left = await inHost(HOST, ['docker', 'ps', '-a', '--format', '{{.Names}}']).catch(() => ({
    stdout: '',
  }));
  for (const n of left.stdout.split('\n').filter((n) => n.startsWith(NAME)))
    await removeContainer(HOST, n).catch(() => undefined);
}

beforeAll(async () => {
  const h = await labHost(HOST);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-throughput-'));
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
        ...data(),
      ])
    ).code,
  ).toBe(0);
  expect(
    (await dhc(['hosts', 'trust', HOST, '--fingerprint', h.fingerprint, ...data()])).code,
  ).toBe(0);
  await removeOurs();
  await createServiceContainer(HOST, { name: NAME, port: PORT, state: 'broken' });
});

afterAll(async () => {
  await removeOurs();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dhc test before and after the fix', () => {
  let before: Out;

  it('the broken container fails the default run with queue-full hits, and its state is recorded', async () => {
    before = await testRun();
    const d = before.run.detail;
    expect(before.run.status).toBe('done');
    expect(d.state).toMatchObject({
      ortVersion: '1.18.0',
      shmBytes: 64 * 1024 * 1024,
      batchSize: 4,
    });
    expect(d.jobs).toHaveLength(3);
    expect(d.figures.succeeded, JSON.stringify(d.jobs)).toBeLessThan(3);
    expect(d.signatures.queue_full?.count ?? 0).toBeGreaterThan(0);
    expect(d.figures.queueFullHits).toBeGreaterThan(0);
    expect(d.verdict.fixed).toBe(false);
    expect(renderText(d.verdict, 'en')).toMatch(/^not fixed: \d\/3 jobs succeeded/);
    expect(renderText(d.verdict, 'zh-CN')).toMatch(/^未修复/);
    // `dhc test` goes through the same service as the web: audited before and after, as the local administrator.
    const audit = await dhc(['audit', 'list', '--limit', '50', '--json', ...data()]);
    const entries = (
      JSON.parse(audit.stdout) as {
        entries: {
          action: string;
          result: string;
          target: string;
          actor: { name: string; via: string };
        }[];
      }
    ).entries;
    const ours = entries.filter(
      (e) => e.action === 'throughput.run.start' && e.target === `${HOST}/${NAME}`,
    );
    expect(ours.map((e) => e.result).sort()).toEqual(['ok', 'started']);
    expect(ours[0]!.actor).toMatchObject({ name: 'local-admin', via: 'cli' });
  });

  it('the runbook with "test before and after" fixes it: the same run then succeeds, faster, and both runs are kept', async () => {
    const r = await dhc(
      ['runbook', 'fix-queue-blocking', `${HOST}/${NAME}`, '--test', '--yes', '--json', ...data()],
      {},
      900_000,
    );
    const { job } = JSON.parse(r.stdout) as { job: Job };
    expect(job.status, r.stdout + r.stderr).toBe('succeeded');
    expect(r.code).toBe(0);
    const t = job.result.tests;
    // Before: the same default run as the test above, on the same broken state.
    expect(t.before.status).toBe('done');
    expect(renderText(t.before.summary, 'en')).toMatch(
      /^[012]\/3 jobs succeeded.*, [1-9]\d* queue-full hit/,
    );
    expect(t.after.status).toBe('done');
    expect(renderText(t.after.summary, 'en')).toMatch(
      /^3\/3 jobs succeeded, mean [\d.]+ s, 0 queue-full hit/,
    );
    expect(t.verdict.fixed).toBe(true);
    expect(renderText(t.verdict, 'en')).toMatch(
      /^fixed: 3\/3 jobs succeeded, [\d.]+x faster, no queue-full lines$/,
    );
    expect(renderText(t.verdict, 'zh-CN')).toMatch(/^已修复：/);

    // The comparison of the next test run reads the runbook's "after" run as its "before", with its state recorded.
    const again = await testRun();
    const prev = again.comparison!;
    expect(again.run.detail.state).toMatchObject({
      ortVersion: '1.16.0',
      shmBytes: 2 * 1024 ** 3,
      batchSize: 1,
    });
    expect(
      again.run.detail.jobs.map((j) => j.ok),
      JSON.stringify(again.run.detail.jobs),
    ).toEqual([true, true, true]);
    expect(prev.before.succeeded).toBe(3);
    // Lower mean job time than the broken run (its successful jobs, or all its jobs when none succeeded).
    expect(again.run.detail.figures.meanJobMs).toBeLessThan(
      before.run.detail.figures.meanJobMs ?? before.run.detail.figures.meanAllMs,
    );
    // Every output video came back and is an MP4 (ftyp at byte 4).
    for (const j of again.run.detail.jobs) {
      const file = path.join(dir, 'throughput', 'outputs', again.run.id, j.output!);
      expect(fs.readFileSync(file).subarray(4, 8).toString()).toBe('ftyp');
      expect(fs.statSync(file).size).toBe(j.outputBytes);
    }
    console.log(
      `broken: ${renderText(before.run.detail.verdict, 'en')}; runbook: ${renderText(t.before.summary, 'en')} -> ${renderText(t.after.summary, 'en')}: ${renderText(t.verdict, 'en')} / ${renderText(t.verdict, 'zh-CN')}`,
    );
  });
});

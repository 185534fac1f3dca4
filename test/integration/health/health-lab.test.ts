// The server's probe scheduler against the lab's real hosts (over lib/remote), read through lib/health/service the
// way the route handlers read it: values of the broken and the healthy container, queue-full hits of three
// concurrent jobs with their task ids, stored samples, the highlighted log, Prometheus text, and a hung host that
// delays nobody. Needs `npm run lab:up`.
import fs from 'node:fs';
import { Client, handle_file } from '@gradio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { addHost, listHosts, trustHostKey, type HostView } from '@/lib/hosts/service';
import { remote } from '@/lib/remote';
import { renderMetrics } from '@/lib/health/metrics';
import {
  getContainerHealth,
  getContainerLogs,
  getContainerSeries,
  getHealthOverview,
} from '@/lib/health/service';
import {
  healthScheduler,
  resetHealthScheduler,
  type HealthScheduler,
} from '@/lib/health/scheduler';
import { labStatus, type LabStatus } from '../../helpers/lab';
import { useTempDataDir } from '../../unit/core/temp-data';
import { mp4, wav } from '../probes/media';
import { dhc } from '../core/run-dhc';

const MiB = 1024 * 1024;
const BROKEN = 'starpainting-digital-human-service-1';
const HEALTHY = 'healthy-digital-human-service-1';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

let lab: LabStatus;
let tmp: ReturnType<typeof useTempDataDir>;
let sched: HealthScheduler;
const hosts = new Map<string, HostView>();
let sink: HostView;

/** Waits for scheduler rounds until `check` holds (returns its value) or the deadline passes (returns the last try). */
async function until<T>(
  what: string,
  check: () => Promise<T | null> | T | null,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sched.nextRound(Math.min(5_000, Math.max(1, deadline - Date.now())));
  }
}

beforeAll(async () => {
  lab = await labStatus();
  tmp = useTempDataDir();
  // Longer than a lab host's first round takes on a loaded CI runner: the sink is the slow one.
  process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS = '8000';
  process.env.CONSOLE_PROBE_INTERVAL_MS = '2000';
  remote.resetForTests();
  resetHealthScheduler();
  for (const h of lab.hosts) {
    const view = await addHost(CLI_ADMIN, {
      name: h.name,
      address: h.address,
      port: h.port,
      user: h.user,
      privateKey: fs.readFileSync(h.keyFile, 'utf8'),
      dockerSocket: h.dockerSocket,
      groups: ['lab', h.name === 'h1' ? 'beijing' : 'shanghai'],
    });
    hosts.set(h.name, await trustHostKey(CLI_ADMIN, view.id, h.fingerprint));
  }
  // The lab's sink accepts TCP and never answers: a hung host in the inventory.
  const first = lab.hosts[0]!;
  sink = await addHost(CLI_ADMIN, {
    name: 'sink',
    address: lab.sink.address,
    port: lab.sink.port,
    user: 'root',
    privateKey: fs.readFileSync(first.keyFile, 'utf8'),
    dockerSocket: first.dockerSocket,
    groups: [],
  });
  sched = healthScheduler();
}, 60_000);

afterAll(() => {
  resetHealthScheduler();
  remote.resetForTests();
  tmp?.dispose();
  delete process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS;
  delete process.env.CONSOLE_PROBE_INTERVAL_MS;
});

const h1 = () => hosts.get('h1')!;

describe('fleet health on the lab', () => {
  it('probes every host on its own loop: the hung host fails while the others keep their 2-s rounds', async () => {
    const overview = await until('all hosts probed', async () => {
      const o = await getHealthOverview();
      return o.hosts.every((h) => h.ok !== null) &&
        lab.hosts.every((h) => (sched.hosts.get(hosts.get(h.name)!.id)?.rounds ?? 0) >= 3)
        ? o
        : null;
    });
    const sinkRow = overview.hosts.find((h) => h.id === sink.id)!;
    expect(sinkRow.ok).toBe(false);
    expect(sinkRow.error).toBeTruthy();
    for (const h of lab.hosts) expect(overview.hosts.find((x) => x.name === h.name)?.ok).toBe(true);
    // While the sink's loop waited on its handshake, each lab host completed several rounds.
    expect(sched.hosts.get(sink.id)!.rounds).toBeLessThan(sched.hosts.get(h1().id)!.rounds);
    expect(sched.overlaps).toBe(0);
    // Each loop starts its next round only after the last one ended, one interval after its start.
    for (const h of [...lab.hosts.map((x) => hosts.get(x.name)!), sink]) {
      const recent = sched.hosts.get(h.id)!.recent;
      for (let i = 1; i < recent.length; i++) {
        expect(recent[i]!.start).toBeGreaterThanOrEqual(recent[i - 1]!.end);
        expect(recent[i]!.start - recent[i - 1]!.start).toBeGreaterThanOrEqual(1990);
      }
    }
    expect(overview.intervalMs).toBe(2000);
    // Every lab container is listed with a health; the broken ones block, the healthy one is healthy.
    const names = overview.containers.map((c) => `${c.hostName}/${c.name}`);
    for (const h of lab.hosts)
      for (const c of h.containers) expect(names).toContain(`${h.name}/${c.name}`);
    const row = (n: string) => overview.containers.find((c) => c.name === n)!;
    expect(row(BROKEN)).toMatchObject({
      health: 'blocking',
      groups: ['lab', 'beijing'],
      stale: false,
    });
    expect(row(HEALTHY)).toMatchObject({ health: 'healthy', top: { id: 'healthy' } });
    expect(overview.healthCounts.healthy).toBeGreaterThanOrEqual(1);
    expect(overview.findingCounts.cpu_fallback).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('shows the broken container as ORT 1.18.0 on the CPU, shm 64 MiB, batch 4, GPU 0 %; the healthy one healthy', async () => {
    const broken = await getContainerHealth(h1().id, BROKEN);
    expect(broken.report.errors).toEqual([]);
    expect(broken.report.facts).toMatchObject({
      ortVersion: '1.18.0',
      sessionProviders: ['CPUExecutionProvider'],
      shmBytes: 64 * MiB,
      batchSize: 4,
      gpuAvailable: true,
      gpuUtilPct: 0,
    });
    expect(broken.report.diagnosis.findings.map((f) => f.id)).toContain('cpu_fallback');
    const healthy = await getContainerHealth(h1().id, HEALTHY);
    expect(healthy.report.facts).toMatchObject({
      ortVersion: '1.16.0',
      shmBytes: 2048 * MiB,
      batchSize: 1,
    });
    expect(healthy.report.facts.sessionProviders?.[0]).toBe('CUDAExecutionProvider');
    expect(healthy.row.health).toBe('healthy');
    await expect(getContainerHealth(h1().id, 'no-such-container')).rejects.toThrow(/not found/);
  });

  it('after three concurrent jobs: queue-full hits with their task ids, queue blocking ranked first, samples, highlighted log, metrics', async () => {
    const before = (await getContainerHealth(h1().id, BROKEN)).report.signatures.queue_full;
    const app = await Client.connect(`http://${lab.hosts[0]!.address}:7860/`);
    const jobs = [0, 1, 2].map(() =>
      app.predict('/predict', [
        handle_file(new Blob([new Uint8Array(wav(3))])),
        handle_file(new Blob([new Uint8Array(mp4(3))])),
      ]),
    );
    const settled = await Promise.allSettled(jobs);
    const failed = settled.flatMap((s) =>
      s.status === 'rejected'
        ? [String((s.reason as { message?: string })?.message ?? JSON.stringify(s.reason))]
        : [],
    );
    expect(failed.length).toBeGreaterThan(0);
    const failedTasks = failed.flatMap((m) => m.match(UUID) ?? []);
    // Each failure names its task (`[<task id>]任务执行失败…`): those ids must show up as queue-full hits.
    expect(failedTasks).toHaveLength(failed.length);

    const detail = await until('queue-full hits of the jobs', async () => {
      const d = await getContainerHealth(h1().id, BROKEN);
      const qf = d.report.signatures.queue_full;
      return qf.count > before.count && failedTasks.every((t) => qf.taskIds.includes(t)) ? d : null;
    });
    const qf = detail.report.signatures.queue_full;
    const fresh = qf.taskIds.filter((t) => !before.taskIds.includes(t));
    expect(fresh).toEqual(expect.arrayContaining(failedTasks));
    for (const t of fresh)
      expect(t).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const [top] = detail.report.diagnosis.findings;
    expect(top!.id).toBe('queue_blocking');
    expect(top!.remedies).toEqual(['pin-ort', 'session-options', 'shm', 'batch-size', 'restart']); // ort-env: no known effect, not a fix
    expect(detail.row.top?.id).toBe('queue_blocking');
    expect((await getHealthOverview()).findingCounts.queue_blocking).toBeGreaterThanOrEqual(1);

    // The stored samples of the last hour hold those hits (by their log minute) and the GPU figures.
    const series = await getContainerSeries(h1().id, BROKEN, '1h');
    expect(series.stepS).toBe(60);
    expect(series.points.reduce((n, p) => n + p.queueFull, 0)).toBeGreaterThanOrEqual(fresh.length);
    expect(series.points.some((p) => p.rounds > 0 && p.gpuUtil === 0 && p.health === 2)).toBe(true);

    // The log viewer's tail highlights the queue-full line of each fresh task.
    const log = await getContainerLogs(h1().id, BROKEN, 'gradio', 2000);
    const marked = log.lines.filter((l) => l.spans.some((s) => s.signature === 'queue_full'));
    for (const t of failedTasks) expect(marked.some((l) => l.text.includes(t))).toBe(true);
    expect(marked[0]!.text.slice(marked[0]!.spans[0]!.from, marked[0]!.spans[0]!.to)).toContain(
      '任务视频驱动队列满',
    );
    const dh = await getContainerLogs(h1().id, BROKEN, 'dh', 200);
    expect(dh.path).toBe('/app/HeyGem-Linux-Python-Hack/log/dh.log');
    expect(dh.lines.length).toBeGreaterThan(0);
    expect(dh.lines.length).toBeLessThanOrEqual(200);
    expect((await getContainerLogs(h1().id, BROKEN, 'docker', 50)).source).toBe('docker');
    await expect(getContainerLogs(h1().id, BROKEN, '../../etc/passwd', 50)).rejects.toThrow(
      /source/,
    );

    // Prometheus text: per-container gauges and hit counters.
    const { body, contentType } = await renderMetrics(sched, await listHosts());
    expect(contentType).toMatch(/^text\/plain/);
    const l = `host="h1",container="${BROKEN}"`;
    expect(body).toContain(`dhc_container_health{${l}} 2`);
    expect(body).toContain(`dhc_container_gpu_utilization_percent{${l}} 0`);
    expect(body).toContain(`dhc_container_shm_size_bytes{${l}} ${64 * MiB}`);
    expect(body).toContain(`dhc_container_batch_size{${l}} 4`);
    expect(body).toContain(
      `dhc_container_ort_info{${l},version="1.18.0",providers="CPUExecutionProvider"} 1`,
    );
    expect(body).toMatch(
      new RegExp(`dhc_signature_hits_total\\{${l},signature="queue_full"\\} (\\d+)`),
    );
    expect(
      Number(
        new RegExp(`dhc_signature_hits_total\\{${l},signature="queue_full"\\} (\\d+)`).exec(
          body,
        )![1],
      ),
    ).toBeGreaterThanOrEqual(qf.count);
    expect(body).toContain(`dhc_container_health{host="h1",container="${HEALTHY}"} 0`);
    expect(body).toContain('dhc_host_probe_ok{host="sink"} 0');
  }, 240_000);

  it('counts the same events everywhere: findings, panel, chart, metrics and `dhc probe`, over the same windows', async () => {
    const d = await getContainerHealth(h1().id, BROKEN);
    const r = d.report;
    const now = r.signatures.queue_full.count;
    expect(now).toBeGreaterThan(0);
    // The finding's evidence names the same count and the window it holds over.
    const ev = d.report.diagnosis.findings.find((f) => f.id === 'queue_blocking')!.evidence[0]!;
    expect(ev.values).toMatchObject({
      count: now,
      signature: { text: { key: 'signatures.queue_full.title' } },
    });
    // The chart: its bars over the last hour are the panel's last-hour count; the events stored since the window's
    // start are the findings' count.
    const series = await getContainerSeries(h1().id, BROKEN, '1h');
    expect(series.queueFullTotal).toBe(series.points.reduce((n, p) => n + p.queueFull, 0));
    expect(series.queueFullTotal).toBe(r.lastHour.queue_full);
    expect(series.windowEvents.queue_full).toBe(now);
    expect(series.windowFromMs).toBe(r.window.fromMs);
    // /api/metrics: the same two windows.
    const { body } = await renderMetrics(sched, await listHosts());
    const gaugeOf = (w: string) =>
      Number(
        new RegExp(
          `dhc_container_signature_events\\{host="h1",container="${BROKEN}",signature="queue_full",window="${w}"\\} (\\d+)`,
        ).exec(body)?.[1],
      );
    expect(gaugeOf('health')).toBe(now);
    expect(gaugeOf('1h')).toBe(r.lastHour.queue_full);
    // The CLI's own probe (a first contact, its own reads) finds the same events in the same window.
    const cli = await dhc(
      ['probe', `h1/${BROKEN}`, '--json'],
      { CONSOLE_DATA_DIR: tmp.dir },
      120_000,
    );
    expect(cli.code, cli.stderr).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as {
      signatures: { queue_full: { count: number } };
      window: { basis: string };
    };
    expect(fromCli.window.basis).toBe(r.window.basis);
    expect(fromCli.signatures.queue_full.count).toBe(now);
  }, 180_000);
});

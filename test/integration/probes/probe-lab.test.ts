// The probes against the lab's real hosts, over the console's pooled SSH connections (lib/remote): one exec of
// container-probe.py per container, nvidia-smi on the host, Docker inspect. Needs `npm run lab:up`.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, handle_file } from '@gradio/client';
import { CLI_ADMIN } from '@/lib/auth/types';
import { addHost, trustHostKey, type HostView } from '@/lib/hosts/service';
import { remote } from '@/lib/remote';
import { remoteProbeTransport } from '@/lib/probes/remote-transport';
import { ProbeState, probeFleet, probeHost, type HostProbeReport } from '@/lib/probes/run';
import { labStatus, type LabStatus } from '../../helpers/lab';
import { useTempDataDir } from '../../unit/core/temp-data';
import { mp4, wav } from './media';

const MiB = 1024 * 1024;
const BROKEN = 'starpainting-digital-human-service-1';
const HEALTHY = 'healthy-digital-human-service-1';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let lab: LabStatus;
let tmp: ReturnType<typeof useTempDataDir>;
const hosts = new Map<string, HostView>();
let sink: HostView;
const state = new ProbeState();
// Queue-full hits already in the broken container's log before this file's jobs (other tests run jobs too).
let queueFullBefore = 0;
const transport = remoteProbeTransport();

beforeAll(async () => {
  lab = await labStatus();
  tmp = useTempDataDir();
  // Longer than a lab host's first round takes on a loaded CI runner: the sink is the slow one.
  process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS = '8000';
  remote.resetForTests();
  for (const h of lab.hosts) {
    const key = fs.readFileSync(h.keyFile, 'utf8');
    const view = await addHost(CLI_ADMIN, {
      name: h.name,
      address: h.address,
      port: h.port,
      user: h.user,
      privateKey: key,
      dockerSocket: h.dockerSocket,
      groups: ['lab'],
    });
    hosts.set(h.name, await trustHostKey(CLI_ADMIN, view.id, h.fingerprint));
  }
  const first = lab.hosts[0]!;
  // The lab's sink accepts TCP and never answers: a hung host.
  sink = await addHost(CLI_ADMIN, {
    name: 'sink',
    address: lab.sink.address,
    port: lab.sink.port,
    user: 'root',
    privateKey: fs.readFileSync(first.keyFile, 'utf8'),
    dockerSocket: first.dockerSocket,
    groups: [],
  });
}, 60_000);

afterAll(() => {
  remote.resetForTests();
  tmp?.dispose();
  delete process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS;
});

const h1 = () => lab.hosts[0]!;
const report = (r: HostProbeReport, name: string) => {
  const c = r.containers.find((x) => x.container.name === name);
  expect(
    c,
    `${name} in ${JSON.stringify(r.containers.map((x) => x.container.name))}`,
  ).toBeDefined();
  return c!;
};

describe('probes on the lab', () => {
  it('show the broken container as ORT 1.18.0 on the CPU, 64 MiB shm, batch 4, GPU 0 %, the healthy one healthy, and a hung host delays nobody', async () => {
    const started = Date.now();
    const reports = await probeFleet(
      transport,
      [...[...hosts.values()].map((h) => h.id), sink.id],
      state,
      { hostTimeoutMs: 20_000, callTimeoutMs: 15_000 },
    );
    const byId = new Map(reports.map((r) => [r.hostId, r]));
    expect(byId.get(sink.id)!.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(25_000);

    const r1 = byId.get(hosts.get(h1().name)!.id)!;
    expect(r1.ok, r1.error).toBe(true);
    expect(r1.elapsedMs).toBeLessThan(byId.get(sink.id)!.elapsedMs);
    const broken = report(r1, BROKEN);
    expect(broken.errors).toEqual([]);
    expect(broken.facts).toMatchObject({
      ortVersion: '1.18.0',
      sessionProviders: ['CPUExecutionProvider'],
      shmBytes: 64 * MiB,
      batchSize: 4,
      gpuAvailable: true,
      gpuUtilPct: 0,
      serviceRunning: true,
      portAnswers: true,
      sessionOptionsApplied: false,
      hookInstalled: false,
    });
    expect(broken.facts.availableProviders).toContain('CUDAExecutionProvider');
    expect(broken.details?.shmSizeBytes).toBe(64 * MiB);
    expect(broken.diagnosis.health).toBe('blocking');
    queueFullBefore = broken.signatures.queue_full.count;
    const ids = broken.diagnosis.findings.map((f) => f.id);
    expect(ids).toContain('cpu_fallback');
    // 64 MiB is small; once jobs have run, the log also shows it exhausted (which then stands for it).
    expect(ids.filter((id) => id === 'shm_small' || id === 'shm_exhausted')).toHaveLength(1);

    const healthy = report(r1, HEALTHY);
    // The lab's healthy container has its own reference hook, not the console's: the session's options tell.
    expect(healthy.facts).toMatchObject({
      ortVersion: '1.16.0',
      shmBytes: 2048 * MiB,
      batchSize: 1,
      sessionOptionsApplied: true,
      portAnswers: true,
    });
    expect(healthy.facts.sessionProviders?.[0]).toBe('CUDAExecutionProvider');
    expect(healthy.diagnosis.health).toBe('healthy');

    for (const h of lab.hosts.slice(1)) {
      const r = byId.get(hosts.get(h.name)!.id)!;
      expect(r.ok, r.error).toBe(true);
      for (const c of h.containers) expect(report(r, c.name).facts.serviceRunning).toBe(true);
    }
  }, 120_000);

  it('after three concurrent jobs, shows their queue-full hits with task ids and ranks queue blocking first', async () => {
    const hostId = hosts.get(h1().name)!.id;
    queueFullBefore = report(await probeHost(transport, hostId, state), BROKEN).signatures
      .queue_full.count;
    const app = await Client.connect(`http://${h1().address}:7860/`);
    const jobs = [0, 1, 2].map(() =>
      app.predict('/predict', [
        handle_file(new Blob([new Uint8Array(wav(8))])),
        handle_file(new Blob([new Uint8Array(mp4(8))])),
      ]),
    );
    const settled = await Promise.allSettled(jobs);
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThan(0);

    const deadline = Date.now() + 60_000;
    let broken = report(await probeHost(transport, hostId, state), BROKEN);
    const seen = [...broken.newHits];
    while (broken.signatures.queue_full.count === queueFullBefore && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      broken = report(await probeHost(transport, hostId, state), BROKEN);
      seen.push(...broken.newHits);
    }
    const qf = broken.signatures.queue_full;
    const fresh = seen.filter((h) => h.signature === 'queue_full');
    expect(qf.count - queueFullBefore).toBeGreaterThan(0);
    expect(fresh.length).toBe(qf.count - queueFullBefore);
    for (const h of fresh) {
      expect(h.taskId).toMatch(UUID_RE);
      expect(qf.taskIds).toContain(h.taskId);
    }
    const [top] = broken.diagnosis.findings;
    expect(top!.id).toBe('queue_blocking');
    expect(top!.remedies).toEqual(['pin-ort', 'session-options', 'shm', 'batch-size', 'restart']); // ort-env: no known effect, not a fix
    expect(top!.remedyParams['pin-ort']).toEqual({ version: '1.16.0' });
  }, 240_000);
});

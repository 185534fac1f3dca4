// Prometheus exposition of the scheduler's latest reports (prom-client). A fresh registry per scrape: every
// series reflects the containers known now, and a container that disappeared stops being exported.
import { Counter, Gauge, Registry } from 'prom-client';
import { SIGNATURE_IDS } from '@/lib/diagnosis/signatures';
import type { HostView } from '@/lib/hosts/service';
import { ok } from '@/lib/probes/types';
import { HEALTH_LEVEL } from './fold';
import { eventLoopDelay } from './event-loop';
import type { HealthScheduler } from './scheduler';

const C = ['host', 'container'] as const;

export async function renderMetrics(
  s: HealthScheduler,
  hosts: HostView[],
): Promise<{ body: string; contentType: string }> {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labels: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames: labels, registers: [registry] });
  const health = gauge('dhc_container_health', 'Diagnosis: 0 healthy, 1 degraded, 2 blocking', C);
  const stale = gauge(
    'dhc_container_stale',
    "1 when the host's last probe round failed and these values are older",
    C,
  );
  const gpu = gauge(
    'dhc_container_gpu_utilization_percent',
    "Utilisation of the GPUs this container's processes use (0 with none)",
    C,
  );
  const gpuMem = gauge(
    'dhc_container_gpu_memory_used_mib',
    "GPU memory used by this container's processes",
    C,
  );
  const shm = gauge('dhc_container_shm_size_bytes', 'Size of /dev/shm inside the container', C);
  const batch = gauge('dhc_container_batch_size', '[digital] batch_size of config/config.ini', C);
  const queue = gauge('dhc_container_queue_size', 'Queue size the Gradio service reports', C);
  const up = gauge('dhc_container_service_up', '1 when python app.py runs and its port answers', C);
  const ort = gauge(
    'dhc_container_ort_info',
    'Installed onnxruntime-gpu and the providers a real session gets',
    [...C, 'version', 'providers'],
  );
  const finding = gauge(
    'dhc_container_finding',
    'Current findings of the diagnosis (value: rank, 1 = top)',
    [...C, 'finding', 'severity'],
  );
  const stalled = gauge(
    'dhc_container_stalled_tasks',
    'Tasks that logged 开始循环 and then nothing for minutes',
    C,
  );
  const hits = new Counter({
    name: 'dhc_signature_hits_total',
    help: 'Log events the console has read from this container (its health window and history)',
    labelNames: [...C, 'signature'],
    registers: [registry],
  });
  const events = gauge(
    'dhc_container_signature_events',
    'Log events per signature: window="health" (what the health is judged on: since the service started, at most CONSOLE_HEALTH_WINDOW_MIN) or window="1h" (the last hour, as the charts count)',
    [...C, 'signature', 'window'],
  );
  const windowStart = gauge(
    'dhc_container_health_window_start_seconds',
    "Start of the window the container's log evidence counts over (Unix seconds)",
    C,
  );
  const hostOk = gauge('dhc_host_probe_ok', "1 when the host's last probe round succeeded", [
    'host',
  ]);
  const hostSecs = gauge(
    'dhc_host_probe_duration_seconds',
    "Duration of the host's last probe round",
    ['host'],
  );
  gauge('dhc_probe_interval_seconds', 'Probe interval of each host', []).set(s.intervalMs / 1000);
  const loop = eventLoopDelay();
  if (loop) {
    const lag = gauge(
      'dhc_event_loop_delay_seconds',
      'Event-loop delay of the console server since its scheduler started',
      ['quantile'],
    );
    lag.set({ quantile: '0.5' }, loop.p50);
    lag.set({ quantile: '0.99' }, loop.p99);
    lag.set({ quantile: '1' }, loop.max);
  }

  const names = new Map(hosts.map((h) => [h.id, h.name]));
  for (const st of s.hosts.values()) {
    const host = names.get(st.hostId);
    if (!host) continue;
    hostOk.set({ host }, st.ok ? 1 : 0);
    hostSecs.set({ host }, st.elapsedMs / 1000);
  }
  for (const r of s.reports.values()) {
    const host = names.get(r.hostId);
    if (!host) continue;
    const l = { host, container: r.container.name };
    health.set(l, HEALTH_LEVEL[r.diagnosis.health]);
    stale.set(l, s.hosts.get(r.hostId)?.ok === false ? 1 : 0);
    if (r.gpu?.available && r.gpu.utilPct !== null) gpu.set(l, r.gpu.utilPct);
    if (r.gpu?.available) gpuMem.set(l, r.gpu.memUsedMiB);
    if (r.facts.shmBytes !== null) shm.set(l, r.facts.shmBytes);
    if (r.facts.batchSize !== null) batch.set(l, r.facts.batchSize);
    if (r.facts.queueSize !== null) queue.set(l, r.facts.queueSize);
    if (r.facts.serviceRunning !== null || r.facts.portAnswers !== null)
      up.set(l, r.facts.serviceRunning !== false && r.facts.portAnswers !== false ? 1 : 0);
    const o = ok(r.probe?.ort);
    if (o)
      ort.set(
        {
          ...l,
          version: r.facts.ortVersion ?? '',
          providers: (r.facts.sessionProviders ?? []).join(','),
        },
        1,
      );
    r.diagnosis.findings.forEach((f, i) => {
      finding.set({ ...l, finding: f.id, severity: f.severity }, i + 1);
    });
    windowStart.set(l, Math.floor(r.window.fromMs / 1000));
    for (const sig of SIGNATURE_IDS) {
      events.set({ ...l, signature: sig, window: 'health' }, r.signatures[sig].count);
      if (sig === 'stall') stalled.set(l, r.signatures.stall.count);
      else {
        events.set({ ...l, signature: sig, window: '1h' }, r.lastHour[sig]);
        hits.inc({ ...l, signature: sig }, r.signatures[sig].count + r.history[sig].count);
      }
    }
  }
  return { body: await registry.metrics(), contentType: registry.contentType };
}

// GPU figures from the host's nvidia-smi, attributed to containers by the host PIDs it reports: each PID's
// /proc/<pid>/cgroup names its container (`/docker/<64 hex>` with cgroupfs, `docker-<64 hex>.scope` with systemd).
import type { ContainerGpu, GpuDevice, GpuProcess, HostGpu } from './types';
import type { ProbeTransport } from './transport';

export const GPU_QUERY = [
  'nvidia-smi',
  '--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total',
  '--format=csv,noheader,nounits',
];
export const APPS_QUERY = [
  'nvidia-smi',
  '--query-compute-apps=pid,used_memory,gpu_uuid',
  '--format=csv,noheader,nounits',
];
export const APPS_QUERY_MINIMAL = [
  'nvidia-smi',
  '--query-compute-apps=pid,used_memory',
  '--format=csv,noheader,nounits',
];

const CONTAINER_IN_CGROUP = /docker[-/]([0-9a-f]{64})(?:\.scope)?/;

/** nvidia-smi prints `[N/A]` or `[Not Supported]` for values it does not have. */
function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number.parseFloat(v.trim());
  return Number.isFinite(n) ? n : null;
}

function rows(csv: string): string[][] {
  return csv
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(',').map((c) => c.trim()));
}

export function parseGpus(csv: string): GpuDevice[] {
  return rows(csv).map((c) => ({
    index: num(c[0]) ?? 0,
    uuid: c[1] || null,
    name: c[2] ?? '',
    utilPct: num(c[3]),
    memUsedMiB: num(c[4]),
    memTotalMiB: num(c[5]),
  }));
}

export function parseApps(csv: string): Omit<GpuProcess, 'containerId'>[] {
  return rows(csv)
    .map((c) => ({ pid: num(c[0]) ?? -1, usedMiB: num(c[1]), gpuUuid: c[2] || null }))
    .filter((p) => Number.isInteger(p.pid) && p.pid > 0);
}

/** Parses `grep -H '' /proc/<pid>/cgroup ...` output into pid → container id. */
export function parseCgroups(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split('\n')) {
    const m = /^\/proc\/(\d+)\/cgroup:(.*)$/.exec(line);
    const id = m ? CONTAINER_IN_CGROUP.exec(m[2]!) : null;
    if (m && id) out.set(Number(m[1]), id[1]!);
  }
  return out;
}

export async function probeHostGpu(
  t: ProbeTransport,
  hostId: string,
  timeoutMs: number,
): Promise<HostGpu> {
  const gpus = await t.execOnHost(hostId, GPU_QUERY, { timeoutMs });
  // 127: no nvidia-smi on this host. That is a host without GPU data, not a failure.
  if (gpus.code === 127 || /not found/i.test(gpus.stderr))
    return { available: false, reason: 'no nvidia-smi' };
  if (gpus.code !== 0)
    return {
      available: false,
      reason: `nvidia-smi exited ${gpus.code}: ${gpus.stderr.trim().slice(-300)}`,
    };
  let apps = await t.execOnHost(hostId, APPS_QUERY, { timeoutMs });
  if (apps.code !== 0) apps = await t.execOnHost(hostId, APPS_QUERY_MINIMAL, { timeoutMs });
  const procs = apps.code === 0 ? parseApps(apps.stdout) : [];
  let cgroups = new Map<number, string>();
  if (procs.length > 0) {
    // PIDs are integers parsed above; grep exits 2 when one vanished meanwhile but still prints the others.
    const r = await t.execOnHost(
      hostId,
      ['grep', '-H', '', ...procs.map((p) => `/proc/${p.pid}/cgroup`)],
      { timeoutMs },
    );
    cgroups = parseCgroups(r.stdout);
  }
  return {
    available: true,
    devices: parseGpus(gpus.stdout),
    processes: procs.map((p) => ({ ...p, containerId: cgroups.get(p.pid) ?? null })),
  };
}

export function gpuForContainer(host: HostGpu, containerId: string): ContainerGpu {
  if (!host.available) return { available: false, utilPct: null, memUsedMiB: 0, pids: [] };
  const mine = host.processes.filter((p) => p.containerId === containerId);
  const memUsedMiB = mine.reduce((n, p) => n + (p.usedMiB ?? 0), 0);
  if (mine.length === 0) return { available: true, utilPct: 0, memUsedMiB: 0, pids: [] };
  const byUuid = mine.map((p) => host.devices.find((d) => d.uuid !== null && d.uuid === p.gpuUuid));
  // Without a GPU uuid per process, a single-GPU host is still attributable; several GPUs are not.
  const devices = byUuid.every(Boolean)
    ? (byUuid as GpuDevice[])
    : host.devices.length === 1
      ? host.devices
      : [];
  const utils = devices.map((d) => d.utilPct).filter((u): u is number => u !== null);
  return {
    available: true,
    utilPct: utils.length ? Math.max(...utils) : null,
    memUsedMiB,
    pids: mine.map((p) => p.pid),
  };
}

import type { FleetSnapshot } from '@/lib/fleet/snapshot';
import type { ContainerHealthRow } from '@/lib/health/overview';

type Container = FleetSnapshot['hosts'][number]['containers'][number];

export const SORT_KEYS = [
  'name',
  'health',
  'ort',
  'shm',
  'batch',
  'gpu',
  'queueFull',
  'state',
  'uptime',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface FleetSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Worst first when sorted descending: what needs attention comes to the top. */
const HEALTH_RANK: Record<string, number> = { healthy: 1, degraded: 2, blocking: 3 };
const STATE_RANK: Record<string, number> = { running: 1, restarting: 2, paused: 3, created: 4 };

/** `1.16.0` before `1.18.0`, `1.9` before `1.16` (numeric parts compared as numbers). */
function versionKey(v: string | null | undefined): string {
  return (v ?? '').replace(/\d+/g, (n) => n.padStart(6, '0'));
}

function value(c: Container, h: ContainerHealthRow | undefined, key: SortKey, now: number) {
  const f = h?.figures;
  switch (key) {
    case 'name':
      return c.name;
    case 'health':
      return h ? (HEALTH_RANK[h.health] ?? 0) : null;
    case 'ort':
      return f?.ortVersion ? versionKey(f.ortVersion) : null;
    case 'shm':
      return f?.shmBytes ?? null;
    case 'batch':
      return f?.batchSize ?? null;
    case 'gpu':
      return h?.gpuUtilPct ?? null;
    case 'queueFull':
      return f ? f.queueFullLastHour : null;
    case 'state':
      return STATE_RANK[c.state] ?? 9;
    case 'uptime':
      return c.state === 'running' && c.startedAt ? now - Date.parse(c.startedAt) : null;
  }
}

/** A sorted copy; containers without the value (not probed yet, not running) always go last. */
export function sortContainers(
  containers: Container[],
  health: Map<string, ContainerHealthRow>,
  sort: FleetSort | null,
  now: number,
): Container[] {
  if (!sort) return containers;
  const sign = sort.dir === 'asc' ? 1 : -1;
  const keyed = containers.map((c) => ({ c, v: value(c, health.get(c.name), sort.key, now) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === null ? (b.v === null ? 0 : 1) : -1;
    const cmp =
      typeof a.v === 'number' && typeof b.v === 'number'
        ? a.v - b.v
        : String(a.v).localeCompare(String(b.v));
    return sign * cmp || a.c.name.localeCompare(b.c.name);
  });
  return keyed.map((k) => k.c);
}

// Sorting the fleet's container tables as an operator would click the headers: worst first, versions in version
// order, and containers without the value (not probed yet, not running) last whichever the direction.
import { describe, expect, it } from 'vitest';
import { sortContainers } from '@/components/fleet/container-sort';
import type { FleetSnapshot } from '@/lib/fleet/snapshot';
import type { ContainerHealthRow } from '@/lib/health/overview';

type Container = FleetSnapshot['hosts'][number]['containers'][number];
const NOW = Date.parse('2026-12-03T12:00:00Z');

const container = (name: string, state = 'running', startedAt = '2026-12-03T11:00:00Z') =>
  ({
    id: name,
    name,
    state,
    startedAt,
    status: '',
    image: 'heygem',
    labels: {},
  }) as unknown as Container;
const row = (name: string, health: string, ort: string | null, queueFull: number) =>
  ({
    name,
    health,
    stale: false,
    gpuUtilPct: 0,
    figures: {
      ortVersion: ort,
      sessionProvider: null,
      shmBytes: null,
      batchSize: 1,
      queueFullLastHour: queueFull,
    },
  }) as unknown as ContainerHealthRow;

const containers = [
  container('a'),
  container('b'),
  container('c'),
  container('new-one', 'exited', ''),
];
const health = new Map([
  ['a', row('a', 'healthy', '1.16.0', 0)],
  ['b', row('b', 'blocking', '1.9.0', 12)],
  ['c', row('c', 'degraded', '1.18.0', 3)],
]);
const names = (key: Parameters<typeof sortContainers>[2]) =>
  sortContainers(containers, health, key, NOW).map((c) => c.name);

describe('fleet table sort', () => {
  it('keeps the snapshot order until a header is clicked', () => {
    expect(names(null)).toEqual(['a', 'b', 'c', 'new-one']);
  });

  it('health and queue-full events: worst first descending, unknown last both ways', () => {
    expect(names({ key: 'health', dir: 'desc' })).toEqual(['b', 'c', 'a', 'new-one']);
    expect(names({ key: 'health', dir: 'asc' })).toEqual(['a', 'c', 'b', 'new-one']);
    expect(names({ key: 'queueFull', dir: 'desc' })).toEqual(['b', 'c', 'a', 'new-one']);
  });

  it('ORT versions in version order (1.9 before 1.16), not as text', () => {
    expect(names({ key: 'ort', dir: 'asc' })).toEqual(['b', 'a', 'c', 'new-one']);
  });

  it('uptime: only running containers have one', () => {
    expect(names({ key: 'uptime', dir: 'desc' }).at(-1)).toBe('new-one');
  });
});

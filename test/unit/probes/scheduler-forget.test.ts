// The scheduler's per-container maps (latest reports, probe watches) follow the hosts' containers: a container that
// disappears, is re-created under a new id, or whose host is removed leaves nothing behind, however long it runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { HealthScheduler } from '@/lib/health/scheduler';
import { generateKeyPair } from '@/lib/hosts/keys';
import { addHost, removeHost } from '@/lib/hosts/service';
import type { ProbeState } from '@/lib/probes/run';
import type { ContainerRef, ProbeTransport } from '@/lib/probes/transport';
import { useTempDataDir } from '../core/temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
let sched: HealthScheduler | undefined;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => {
  sched?.stop();
  tmp.dispose();
});

/** A host whose containers the test sets; every probe of a container fails fast (no python), which is enough here. */
function fakeTransport(containers: Map<string, ContainerRef[]>): ProbeTransport {
  return {
    listServiceContainers: async (hostId: string) => containers.get(hostId) ?? [],
    execOnHost: async () => ({ code: 127, stdout: '', stderr: 'nvidia-smi: not found' }),
    inspect: async () => null,
    execInContainer: async () => ({ code: 1, stdout: '', stderr: 'no python' }),
  } as unknown as ProbeTransport;
}

const watches = (s: HealthScheduler) => (s as unknown as { state: ProbeState }).state.size;
const names = (s: HealthScheduler) => [...s.reports.keys()].sort();

describe('HealthScheduler per-container state', () => {
  it('drops reports and watches of containers that are gone, re-created, or on a removed host', async () => {
    const { privateKey } = generateKeyPair();
    const h1 = await addHost(CLI_ADMIN, {
      name: 'h1',
      address: '10.251.1.2',
      port: 22,
      user: 'root',
      privateKey,
      groups: ['lab'],
    });
    const h2 = await addHost(CLI_ADMIN, {
      name: 'h2',
      address: '10.251.2.2',
      port: 22,
      user: 'root',
      privateKey,
      groups: ['lab'],
    });
    const containers = new Map<string, ContainerRef[]>([
      [
        h1.id,
        [
          { id: 'id-a', name: 'a' },
          { id: 'id-b', name: 'b' },
        ],
      ],
      [h2.id, [{ id: 'id-c', name: 'c' }]],
    ]);
    sched = new HealthScheduler(fakeTransport(containers), 1000);
    sched.start();
    const s = sched;
    await expect
      .poll(() => names(s), { timeout: 15_000, interval: 100 })
      .toEqual([`${h1.id}/a`, `${h1.id}/b`, `${h2.id}/c`].sort());
    expect(watches(s)).toBe(3);

    // "a" removed, "b" re-created under a new id (same name): one report and one watch each, the new id's.
    containers.set(h1.id, [{ id: 'id-b2', name: 'b' }]);
    await expect
      .poll(() => s.reports.get(`${h1.id}/b`)?.container.id, { timeout: 15_000, interval: 100 })
      .toBe('id-b2');
    expect(names(s)).toEqual([`${h1.id}/b`, `${h2.id}/c`].sort());
    expect(watches(s)).toBe(2);

    // Many re-creations later the maps have not grown.
    for (let i = 0; i < 5; i++) {
      containers.set(h1.id, [{ id: `id-b-${i}`, name: 'b' }]);
      await expect
        .poll(() => s.reports.get(`${h1.id}/b`)?.container.id, { timeout: 15_000, interval: 100 })
        .toBe(`id-b-${i}`);
    }
    expect(watches(s)).toBe(2);
    expect(s.reports.size).toBe(2);

    // h1 removed from the inventory: its reports, watches and round status go with it; h2 keeps its own.
    await removeHost(CLI_ADMIN, h1.id);
    await expect.poll(() => names(s), { timeout: 15_000, interval: 100 }).toEqual([`${h2.id}/c`]);
    expect(watches(s)).toBe(1);
    expect(s.hosts.has(h1.id)).toBe(false);
  }, 60_000);
});

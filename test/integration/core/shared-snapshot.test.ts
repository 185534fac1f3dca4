// The fleet as the web reads it (lib/fleet/shared-snapshot.ts), against the lab and the black-holed sink: however
// many readers poll, each host is read at most once per refresh interval, and a hung host never holds them up.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { fleetRefreshMs } from '@/lib/config';
import { fleetRefreshes, sharedFleetSnapshot, STALE_WAIT_MS } from '@/lib/fleet/shared-snapshot';
import { addHost } from '@/lib/hosts/service';
import { remote } from '@/lib/remote';
import { labConsole, type LabConsole } from '../../helpers/remedy';
import { waitFor } from '../../helpers/wait';

let lc: LabConsole;
beforeAll(async () => {
  process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS = '2000';
  process.env.CONSOLE_FLEET_REFRESH_MS = '10000'; // long enough that the second burst below falls inside it
  lc = await labConsole();
  const key = fs.readFileSync(lc.lab.hosts[0]!.keyFile, 'utf8');
  await addHost(CLI_ADMIN, {
    name: 'sink',
    address: lc.lab.sink.address,
    port: lc.lab.sink.port,
    user: 'root',
    privateKey: key,
    groups: [],
  });
}, 120_000);
afterAll(() => {
  lc?.dispose();
  delete process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS;
  delete process.env.CONSOLE_FLEET_REFRESH_MS;
});

const statusOf = (snap: Awaited<ReturnType<typeof sharedFleetSnapshot>>, name: string) =>
  snap.hosts.find((h) => h.host.name === name)?.status;

describe('shared fleet snapshot', () => {
  it('200 concurrent readers cause one read per host; readers within the interval cause none', async () => {
    const hosts = lc.lab.hosts.length + 1;
    const r0 = fleetRefreshes();
    const c0 = remote.stats().reduce((n, s) => n + s.channelsOpened, 0);
    const snaps = await Promise.all(Array.from({ length: 200 }, () => sharedFleetSnapshot()));
    expect(fleetRefreshes() - r0).toBe(hosts);
    for (const s of snaps) {
      expect(s.hosts).toHaveLength(hosts);
      for (const h of lc.lab.hosts) expect(statusOf(s, h.name)).toBe('reachable');
      expect(statusOf(s, 'sink')).toBe('unreachable');
    }
    // One list (plus inspects of the running ones) per lab host: a few Docker channels, not 200 times as many.
    expect(remote.stats().reduce((n, s) => n + s.channelsOpened, 0) - c0).toBeLessThan(30);
    const r1 = fleetRefreshes();
    await Promise.all(Array.from({ length: 200 }, () => sharedFleetSnapshot()));
    expect(fleetRefreshes() - r1).toBe(0);
  });

  it('after the interval, readers get a fresh read of answering hosts and the hung sink as last seen, promptly', async () => {
    process.env.CONSOLE_FLEET_REFRESH_MS = '1000';
    const r0 = fleetRefreshes();
    await waitFor(
      'a refresh after the interval',
      fleetRefreshMs() + 5_000,
      async () => {
        const t0 = Date.now();
        const snaps = await Promise.all(Array.from({ length: 50 }, () => sharedFleetSnapshot()));
        // Never the sink's 2 s handshake: at most the wait for a refresh under way, plus the work itself.
        expect(Date.now() - t0).toBeLessThan(STALE_WAIT_MS + 1_000);
        for (const s of snaps) expect(statusOf(s, 'sink')).toBe('unreachable');
        return fleetRefreshes() > r0;
      },
      250,
    );
  });
});

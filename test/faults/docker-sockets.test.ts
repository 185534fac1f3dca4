// More attached commands at once than the Docker sockets one SSH connection keeps: every one finishes. (Long-lived
// exec streams used to share the bounded socket pool with the short calls that tell their exit status: with the
// pool full of streams, each waited on a call that could not get a socket — the console hung.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from '@/lib/remote';
import { DOCKER_SOCKETS } from '@/lib/remote/connection';
import { labConsole, type LabConsole } from '../helpers/remedy';

let lc: LabConsole;
beforeAll(async () => {
  lc = await labConsole();
}, 120_000);
afterAll(() => lc?.dispose());

describe('Docker sockets of one connection', () => {
  it(`${DOCKER_SOCKETS * 3} concurrent container commands (each outliving a short call) all finish`, async () => {
    const hostId = lc.hosts.get('h1')!.id;
    const name = lc.lab.hosts
      .find((h) => h.name === 'h1')!
      .containers.find((c) => c.state === 'healthy')!.name;
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: DOCKER_SOCKETS * 3 }, (_, i) =>
        remote.execInContainer(hostId, name, ['sh', '-c', 'sleep 1; echo "$1"', 'sh', String(i)], {
          timeoutMs: 60_000,
        }),
      ),
    );
    expect(results.map((r) => r.code)).toEqual(results.map(() => 0));
    expect(results.map((r) => r.stdout.trim())).toEqual(results.map((_, i) => String(i)));
    // While those ran, plain API calls kept working.
    expect((await (await remote.docker(hostId)).listContainers()).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(remote.stats().find((s) => s.hostId === hostId)?.connectionsOpened).toBe(1);
  }, 120_000);
});

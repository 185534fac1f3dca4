import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { getFleetSnapshot } from '@/lib/fleet/snapshot';
import { addHost, trustHostKey, type HostView } from '@/lib/hosts/service';
import { remote, RemoteError } from '@/lib/remote';
import { labStatus, restoreHostKey, rotateHostKey, type LabStatus } from '../../helpers/lab';
import { useTempDataDir } from '../../unit/core/temp-data';

// The foundation against the lab's real hosts: sshd with pinned keys, Docker engines reached over the
// pooled SSH connection, the sink that accepts TCP and never answers.

let lab: LabStatus;
let tmp: ReturnType<typeof useTempDataDir>;
const hosts = new Map<string, HostView>();

beforeAll(async () => {
  lab = await labStatus();
  expect(lab.hosts.length).toBeGreaterThanOrEqual(2);
  tmp = useTempDataDir();
  process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS = '2000';
  remote.resetForTests();
  for (const h of lab.hosts) {
    const view = await addHost(CLI_ADMIN, {
      name: h.name,
      address: h.address,
      port: h.port,
      user: h.user,
      privateKey: fs.readFileSync(h.keyFile, 'utf8'),
      dockerSocket: h.dockerSocket,
      groups: ['lab'],
    });
    hosts.set(h.name, view);
  }
});

afterAll(() => {
  remote.resetForTests();
  tmp?.dispose();
  delete process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS;
});

const idOf = (name: string): string => hosts.get(name)!.id;

describe('fleet against the lab', () => {
  it('shows new hosts as unconfirmed with the fingerprint the lab printed, then lists containers once accepted', async () => {
    const before = await getFleetSnapshot();
    for (const h of lab.hosts) {
      const s = before.hosts.find((x) => x.host.name === h.name)!;
      expect(s.status).toBe('unconfirmed');
      expect(s.seenFingerprint).toBe(h.fingerprint);
      expect(s.host.seenFingerprint).toBe(h.fingerprint);
      expect(s.containers).toEqual([]);
      await trustHostKey(CLI_ADMIN, s.host.id, s.seenFingerprint!);
    }
    const after = await getFleetSnapshot();
    for (const h of lab.hosts) {
      const s = after.hosts.find((x) => x.host.name === h.name)!;
      expect(s.status, s.error).toBe('reachable');
      for (const c of h.containers) {
        const seen = s.containers.find((x) => x.name === c.name);
        expect(seen, `${h.name}/${c.name}`).toBeDefined();
        expect(seen!.state).toBe(c.status);
        expect(seen!.image).toBe(c.image);
        expect(seen!.isService).toBe(c.name.includes('digital-human'));
        if (seen!.state === 'running')
          expect(Date.parse(seen!.startedAt!)).toBeLessThanOrEqual(Date.now());
      }
    }
  });

  it('makes N Docker calls to one host over one SSH connection', async () => {
    remote.resetForTests();
    const d = await remote.docker(idOf('h1'));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? d.listContainers({ all: true }) : d.ping())),
    );
    expect(results).toHaveLength(30);
    const stat = remote.stats().find((s) => s.hostId === idOf('h1'))!;
    expect(stat.connectionsOpened).toBe(1);
  });

  it('runs host commands as argv and container commands through the Docker exec API, stdin included', async () => {
    const h1 = idOf('h1');
    expect((await remote.exec(h1, ['id', '-un'])).stdout.trim()).toBe(lab.hosts[0]!.user);
    const container = lab.hosts.find((h) => h.name === 'h1')!.containers[0]!.name;
    const echo = await remote.execInContainer(h1, container, ['sh', '-c', 'cat; echo " done"'], {
      stdin: 'hello',
    });
    expect(echo).toMatchObject({ code: 0, stdout: 'hello done\n' });
    const big = 'x'.repeat(1024 * 1024);
    expect(
      (await remote.execInContainer(h1, container, ['wc', '-c'], { stdin: big })).stdout.trim(),
    ).toBe(String(big.length));
    const env = await remote.execInContainer(
      h1,
      container,
      ['sh', '-c', 'printf "%s|" "$FOO"; pwd; echo err >&2; exit 7'],
      { env: { FOO: 'a b;$(id)' }, workdir: '/tmp' },
    );
    expect(env).toEqual({ code: 7, stdout: 'a b;$(id)|/tmp\n', stderr: 'err\n' });
    await expect(
      remote.execInContainer(h1, container, ['sleep', '30.4242'], { timeoutMs: 800 }),
    ).rejects.toMatchObject({ kind: 'timeout' });
    // Docker cannot stop an exec; the console killed its host PID, so nothing is left in the container.
    const deadline = Date.now() + 5000;
    let left = 0;
    do {
      left =
        (await remote.execInContainer(h1, container, ['pgrep', '-f', 'sleep 30.4242'])).code === 0
          ? 1
          : 0;
    } while (left && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 100)), true));
    expect(left).toBe(0);
    await expect(remote.execInContainer(h1, '-oProxyCommand=x', ['true'])).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(remote.execInContainer(h1, 'no-such-container', ['true'])).rejects.toMatchObject({
      kind: 'docker',
      statusCode: 404,
    });
  });

  it("reaches a container's web port through the same connection", async () => {
    const h1 = lab.hosts.find((h) => h.name === 'h1')!;
    const port = h1.containers.find((c) => c.port !== null)!.port!;
    const agent = remote.tcpAgent(idOf('h1'), '127.0.0.1', port);
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', agent, timeout: 10_000 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('refuses a host whose key changed, naming both keys, while the other host still answers', async () => {
    const pinned = lab.hosts.find((h) => h.name === 'h2')!.fingerprint;
    const rotated = await rotateHostKey('h2');
    try {
      remote.resetForTests();
      const snap = await getFleetSnapshot();
      const h2 = snap.hosts.find((s) => s.host.name === 'h2')!;
      expect(h2.status).toBe('mismatch');
      expect(h2.error).toContain(pinned);
      expect(h2.error).toContain(rotated);
      expect(h2.seenFingerprint).toBe(rotated);
      expect(snap.hosts.find((s) => s.host.name === 'h1')!.status).toBe('reachable');
      await expect(remote.exec(idOf('h2'), ['true'])).rejects.toBeInstanceOf(RemoteError);
    } finally {
      await restoreHostKey('h2');
      remote.resetForTests();
    }
    expect((await remote.exec(idOf('h2'), ['true'])).code).toBe(0);
  });

  it('shows the hung sink host as unreachable within its timeout while the others refresh', async () => {
    const key = fs.readFileSync(lab.hosts[0]!.keyFile, 'utf8');
    await addHost(CLI_ADMIN, {
      name: 'sink',
      address: lab.sink.address,
      port: lab.sink.port,
      user: 'root',
      privateKey: key,
      groups: [],
    });
    remote.resetForTests();
    const t0 = Date.now();
    const snap = await getFleetSnapshot();
    const took = Date.now() - t0;
    const sink = snap.hosts.find((s) => s.host.name === 'sink')!;
    expect(sink.status).toBe('unreachable');
    expect(sink.error).toMatch(/no SSH handshake .* within 2000 ms/);
    expect(took).toBeLessThan(2000 + 1500);
    for (const s of snap.hosts.filter((x) => x.host.name !== 'sink')) {
      expect(s.status).toBe('reachable');
      expect(s.elapsedMs).toBeLessThan(1500);
    }
  });
});

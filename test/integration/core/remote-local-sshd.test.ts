import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { addHost, getHost, trustHostKey } from '@/lib/hosts/service';
import { remote, RemoteError } from '@/lib/remote';
import { useTempDataDir } from '../../unit/core/temp-data';
import { startLocalSshd, waitFor, type LocalSshd } from './local-sshd';

// lib/remote against a real OpenSSH server on loopback (no Docker needed): host-key pinning, argv quoting
// end to end, stdin, exit codes, timeouts, the channel bound, one connection per host, reconnect.

let sshd: LocalSshd;
let tmp: ReturnType<typeof useTempDataDir>;
let hostId: string;
let httpServer: http.Server;
let unixServer: http.Server;
let httpPort = 0;
const socketPath = () => path.join(sshd.dir, 'api.sock');

beforeAll(async () => {
  tmp = useTempDataDir();
  process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS = '1500';
  sshd = await startLocalSshd();
  const handler: http.RequestListener = (req, res) => res.end(`hello ${req.url}`);
  httpServer = http.createServer(handler);
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  httpPort = (httpServer.address() as net.AddressInfo).port;
  unixServer = http.createServer((req, res) => res.end(req.url === '/_ping' ? 'OK' : '{}'));
  await new Promise<void>((r) => unixServer.listen(socketPath(), r));
  const h = await addHost(CLI_ADMIN, {
    name: 'local',
    address: '127.0.0.1',
    port: sshd.port,
    user: sshd.user,
    privateKey: sshd.clientKey,
    dockerSocket: socketPath(),
    groups: [],
  });
  hostId = h.id;
});

afterAll(async () => {
  remote.resetForTests();
  httpServer?.close();
  unixServer?.close();
  await sshd?.stop();
  tmp?.dispose();
  delete process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS;
});

describe('lib/remote over a real sshd', () => {
  it('refuses an unpinned host before authenticating and records the fingerprint it saw', async () => {
    const err = await remote.exec(hostId, ['true']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ kind: 'hostkey_unknown', seenFingerprint: sshd.fingerprint() });
    expect((await getHost(hostId))?.seenFingerprint).toBe(sshd.fingerprint());
    expect(sshd.acceptedLogins()).toBe(0);
    const probe = await remote.probeHostKey(hostId);
    expect(probe).toEqual({ fingerprint: sshd.fingerprint(), matchesPinned: false });
    await trustHostKey(CLI_ADMIN, hostId, sshd.fingerprint());
  });

  it('passes every argv element through the remote shell unchanged', async () => {
    const nasty = [
      'a b',
      "it's",
      '$(id)',
      '`id`',
      '; rm -rf /tmp/x',
      '*',
      '"q"',
      '\\',
      '-n',
      '',
      '中文 ✓',
      '$HOME',
      '!x',
      '&&',
      '|',
    ];
    const r = await remote.exec(hostId, ['printf', '%s\\0', ...nasty]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(nasty);
  });

  it('feeds stdin, returns exit codes and throws typed errors with the stderr tail', async () => {
    expect((await remote.exec(hostId, ['cat'], { stdin: 'line1\nline2\n' })).stdout).toBe(
      'line1\nline2\n',
    );
    expect((await remote.exec(hostId, ['sh', '-c', 'echo oops >&2; exit 3'])).code).toBe(3);
    const err = await remote
      .exec(hostId, ['sh', '-c', 'echo oops >&2; exit 3'], { check: true })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'exit',
      exitCode: 3,
      stderrTail: 'oops\n',
      argv: ['sh', '-c', 'echo oops >&2; exit 3'],
    });
  });

  it('refuses newline and NUL in argv without touching the connection', async () => {
    const count = () => {
      const s = remote.stats().find((x) => x.hostId === hostId);
      return [s?.connectionsOpened, s?.channelsOpened];
    };
    const before = count();
    expect(before[1]).toBeGreaterThan(0);
    await expect(remote.exec(hostId, ['echo', 'a\nid'])).rejects.toMatchObject({ kind: 'invalid' });
    await expect(remote.exec(hostId, ['echo', 'a\0b'])).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      remote.execInContainer(hostId, '-oProxyCommand=x', ['true']),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      remote.execInContainer(hostId, 'c1', ['true'], { env: { 'A;B': 'x' } }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(count()).toEqual(before);
  });

  it('times a command out at its own deadline and kills it on the host', async () => {
    const marker = `dhc-timeout-${process.pid}`;
    const running = () =>
      fs.readdirSync('/proc').some((p) => {
        try {
          return (
            /^\d+$/.test(p) && fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith(marker)
          );
        } catch {
          return false;
        }
      });
    const t0 = Date.now();
    const call = remote.exec(hostId, ['bash', '-c', `exec -a ${marker} sleep 30`], {
      timeoutMs: 600,
    });
    // Its outcome is taken at once: the deadline may pass while this test still looks for the process.
    const outcome = call.then(
      () => 'finished',
      (err: unknown) => err,
    );
    await waitFor(running, 'the command to start');
    expect(await outcome).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(3000);
    await waitFor(() => !running(), 'the timed-out command to be killed', 5000);
  });

  it('runs 20 parallel commands on one connection, at most 6 channels at a time', async () => {
    remote.resetForTests();
    const loginsBefore = sshd.acceptedLogins();
    let peak = 0;
    const probe = setInterval(
      () => (peak = Math.max(peak, remote.stats()[0]?.execInFlight ?? 0)),
      5,
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        remote.exec(hostId, ['sh', '-c', `sleep 0.2; echo ${i}`]),
      ),
    );
    clearInterval(probe);
    expect(results.map((r) => r.stdout.trim())).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i)),
    );
    expect(peak).toBeLessThanOrEqual(6);
    expect(peak).toBeGreaterThan(1);
    expect(remote.stats().find((s) => s.hostId === hostId)?.connectionsOpened).toBe(1);
    await waitFor(() => sshd.acceptedLogins() === loginsBefore + 1, 'the sshd log line');
  });

  it('carries HTTP over streamlocal and TCP forwarding on the same connection', async () => {
    remote.resetForTests();
    const d = await remote.docker(hostId);
    const pings = await Promise.all(Array.from({ length: 20 }, () => d.ping()));
    expect(pings.map(String)).toEqual(Array(20).fill('OK'));
    // Keep-alive sockets are reused call after call without piling up listeners on the channel.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    for (let i = 0; i < 30; i++) await d.ping();
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
    const agent = remote.tcpAgent(hostId, '127.0.0.1', httpPort);
    const get = (p: string) =>
      new Promise<string>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: httpPort, path: p, agent }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c));
            res.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    expect(await Promise.all([get('/a'), get('/b'), get('/c')])).toEqual([
      'hello /a',
      'hello /b',
      'hello /c',
    ]);
    expect(remote.stats().find((s) => s.hostId === hostId)?.connectionsOpened).toBe(1);
    expect(() => remote.tcpAgent(hostId, 'a b;id', 80)).toThrow(/not a host name/);
    expect(() => remote.tcpAgent(hostId, '127.0.0.1', 70000)).toThrow(/port must be/);
  });

  it('reconnects after the connection drops', async () => {
    await remote.exec(hostId, ['true']);
    const opened = remote.stats().find((s) => s.hostId === hostId)!.connectionsOpened;
    // Kill the per-connection sshd processes (children of the sshd this test started).
    const parent = Number(fs.readFileSync(path.join(sshd.dir, 'sshd.pid'), 'utf8'));
    const children = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return (
            Number(fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) ===
            parent
          );
        } catch {
          return false;
        }
      });
    expect(children.length).toBeGreaterThan(0);
    for (const p of children) process.kill(Number(p), 'SIGKILL');
    await waitFor(
      () => remote.stats().find((s) => s.hostId === hostId)?.connected === false,
      'the drop to be noticed',
    );
    expect((await remote.exec(hostId, ['echo', 'back'])).stdout).toBe('back\n');
    expect(remote.stats().find((s) => s.hostId === hostId)!.connectionsOpened).toBe(opened + 1);
  });

  it('refuses a changed host key, naming both fingerprints, until an admin re-pins', async () => {
    const old = sshd.fingerprint();
    sshd.rotateHostKey();
    remote.resetForTests(); // a new connection is where the key is checked
    const err = (await remote.exec(hostId, ['true']).catch((e: unknown) => e)) as RemoteError;
    expect(err.kind).toBe('hostkey_mismatch');
    expect(err.message).toContain(old);
    expect(err.message).toContain(sshd.fingerprint());
    await trustHostKey(CLI_ADMIN, hostId, sshd.fingerprint());
    expect((await remote.exec(hostId, ['echo', 'ok'])).stdout).toBe('ok\n');
  });

  it('reports a host that accepts TCP but never speaks SSH as unreachable within the connect timeout', async () => {
    const sink = net.createServer(() => undefined);
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    const h = await addHost(CLI_ADMIN, {
      name: 'hung',
      address: '127.0.0.1',
      port: (sink.address() as net.AddressInfo).port,
      user: 'root',
      privateKey: sshd.clientKey,
      groups: [],
    });
    const t0 = Date.now();
    const err = await remote.exec(h.id, ['true'], { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unreachable' });
    expect(Date.now() - t0).toBeLessThan(3000);
    // During back-off the same error comes back at once instead of another handshake.
    const t1 = Date.now();
    await expect(remote.exec(h.id, ['true'])).rejects.toMatchObject({ kind: 'unreachable' });
    expect(Date.now() - t1).toBeLessThan(200);
    for (const c of [sink]) c.close();
  });
});

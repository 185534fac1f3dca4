// The host-key check on every way the console reaches a host: each entry point of lib/remote (the only code that
// opens SSH connections, test/unit/core/connection-paths.test.ts) against a real OpenSSH server whose key is not
// the pinned one. Each must be refused during the key exchange, before any authentication is attempted.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { addHost, trustHostKey } from '@/lib/hosts/service';
import { remote } from '@/lib/remote';
import { useTempDataDir } from '../unit/core/temp-data';
import { startLocalSshd, type LocalSshd } from '../integration/core/local-sshd';

let sshd: LocalSshd;
let tmp: ReturnType<typeof useTempDataDir>;
let hostId: string;

/** Every entry point, as the probes, remedies, docker calls and throughput runs use them. */
const paths: [string, () => Promise<unknown>][] = [
  ['exec on the host', () => remote.exec(hostId, ['true'])],
  ['exec in a container', () => remote.execInContainer(hostId, 'svc', ['true'])],
  ['Docker API over SSH', async () => (await remote.docker(hostId)).ping()],
  [
    'TCP forwarding (Gradio API)',
    () =>
      new Promise((resolve, reject) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port: 7860,
            path: '/config',
            agent: remote.tcpAgent(hostId, '127.0.0.1', 7860),
            timeout: 10_000,
          },
          resolve,
        );
        req.on('error', reject);
      }),
  ],
];

/** sshd's log lines that show an authentication attempt for this connection. */
const authAttempts = () =>
  sshd
    .logLines()
    .filter(
      (l) =>
        /publickey|Accepted|Failed|Postponed|authenticat/i.test(l) && !/Server listening/.test(l),
    );

beforeAll(async () => {
  tmp = useTempDataDir();
  process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS = '3000';
  sshd = await startLocalSshd();
  const h = await addHost(CLI_ADMIN, {
    name: 'keyed',
    address: '127.0.0.1',
    port: sshd.port,
    user: sshd.user,
    privateKey: sshd.clientKey,
    dockerSocket: '/run/docker.sock',
    groups: [],
  });
  hostId = h.id;
});

afterAll(async () => {
  remote.resetForTests();
  await sshd?.stop();
  tmp?.dispose();
  delete process.env.CONSOLE_SSH_CONNECT_TIMEOUT_MS;
});

describe('host keys on every connection path', () => {
  it('an unknown host (nothing pinned) is used by none of them; each reports the fingerprint it saw', async () => {
    for (const [name, call] of paths) {
      remote.resetForTests();
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toMatchObject({
        kind: 'hostkey_unknown',
        seenFingerprint: sshd.fingerprint(),
      });
    }
    expect(authAttempts()).toEqual([]);
  });

  it('a changed key is refused by each before authentication, naming the old and the new fingerprint', async () => {
    const pinned = sshd.fingerprint();
    await trustHostKey(CLI_ADMIN, hostId, pinned);
    sshd.rotateHostKey();
    for (const [name, call] of paths) {
      remote.resetForTests();
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toMatchObject({ kind: 'hostkey_mismatch' });
      expect((err as Error).message, name).toContain(pinned);
      expect((err as Error).message, name).toContain(sshd.fingerprint());
    }
    expect(authAttempts()).toEqual([]);
    // The same host once re-pinned by an admin: the host-key check was the only thing in the way.
    await trustHostKey(CLI_ADMIN, hostId, sshd.fingerprint());
    remote.resetForTests();
    expect((await remote.exec(hostId, ['echo', 'ok'])).stdout).toBe('ok\n');
    expect(sshd.acceptedLogins()).toBe(1);
  });
});

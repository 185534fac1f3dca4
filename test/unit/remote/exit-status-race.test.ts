// Regression test: a command whose exit status arrives in the same read as the reply that opens its channel. ssh2
// emits 'exit' while parsing that read, before the caller's listener exists, and keeps the status only for the
// channel's 'close' event. Under load (200 previews at once) fast commands such as `cat` then failed as
// "connection lost while cat ran: its outcome is unknown" on a connection that was fine (HTTP 502).
import type net from 'node:net';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { addHost, trustHostKey } from '@/lib/hosts/service';
import { fingerprintOf, remote } from '@/lib/remote';
import { useTempDataDir } from '../core/temp-data';

let server: ssh2.Server;
let hostId = '';
let tmp: ReturnType<typeof useTempDataDir>;

beforeAll(async () => {
  tmp = useTempDataDir();
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519');
  server = new ssh2.Server({ hostKeys: [hostKey.private] }, (c) => {
    c.on('authentication', (ctx) => ctx.accept());
    c.on('ready', () =>
      c.on('session', (acceptSession) =>
        acceptSession().on('exec', (accept, _reject, info) => {
          // Reply, output, exit status, EOF and close in one tick: the client reads them as one chunk.
          const ch = accept();
          ch.write(`ran ${info.command.length}\n`);
          ch.exit(3);
          ch.end();
        }),
      ),
    );
  });
  const port = await new Promise<number>((r) =>
    (server as unknown as net.Server).listen(0, '127.0.0.1', () =>
      r(((server as unknown as net.Server).address() as net.AddressInfo).port),
    ),
  );
  const view = await addHost(CLI_ADMIN, {
    name: 'race',
    address: '127.0.0.1',
    port,
    user: 'u',
    privateKey: ssh2.utils.generateKeyPairSync('ed25519').private,
    groups: [],
  });
  hostId = view.id;
  const pub = ssh2.utils.parseKey(hostKey.public);
  if (pub instanceof Error) throw pub;
  await trustHostKey(CLI_ADMIN, hostId, fingerprintOf(pub.getPublicSSH()));
});

afterAll(() => {
  remote.resetForTests();
  server?.close();
  tmp?.dispose();
});

describe('exit status delivered together with the channel reply', () => {
  it('is the exit status of every command, never "connection lost"', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => remote.exec(hostId, ['cat', '--', '/etc/hostname'])),
    );
    const outcomes = results.map((r) =>
      r.status === 'fulfilled' ? `exit ${r.value.code}` : (r.reason as Error).message,
    );
    expect(new Set(outcomes)).toEqual(new Set(['exit 3']));
    const first = results[0] as PromiseFulfilledResult<{ stdout: string }>;
    expect(first.value.stdout).toMatch(/^ran \d+\n$/);
  });
});

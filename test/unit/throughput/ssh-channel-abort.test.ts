// Regression test of the cancelled-run hang: an HTTP request carried by an SSH channel (lib/remote's socket shim,
// as the throughput jobs and the Docker API use it) that is aborted while its channel is being opened must settle
// at once, and its channel must be closed. Before the fix it never settled (the run stayed "running" after a cancel).
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSocket } from '@/lib/remote/socket-shim';

let web: http.Server;
let server: ssh2.Server;
let client: ssh2.Client;
/** Client-side channels handed to http and not closed yet. */
let channelsOpen = 0;

const listen = (s: net.Server) =>
  new Promise<number>((r) =>
    s.listen(0, '127.0.0.1', () => r((s.address() as net.AddressInfo).port)),
  );

beforeAll(async () => {
  web = http.createServer((_req, res) => res.end('served'));
  const webPort = await listen(web);
  server = new ssh2.Server(
    { hostKeys: [ssh2.utils.generateKeyPairSync('ed25519').private] },
    (c) => {
      c.on('authentication', (ctx) => ctx.accept());
      c.on('ready', () =>
        c.on('tcpip', (accept) => {
          const ch = accept();
          const s = net.connect(webPort, '127.0.0.1');
          s.on('error', () => undefined);
          ch.pipe(s).pipe(ch);
        }),
      );
    },
  );
  const sshPort = await listen(server as unknown as net.Server);
  client = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve()).once('error', reject);
    client.connect({ host: '127.0.0.1', port: sshPort, username: 'u', password: 'p' });
  });
});

afterAll(() => {
  client.end();
  server.close();
  web.close();
});

/** GET / through a fresh channel opened after `openDelayMs`, aborted after `abortAfterMs` (null: not aborted). */
function get(
  openDelayMs: number,
  abortAfterMs: number | null,
): Promise<{ outcome: string; ms: number }> {
  const t0 = Date.now();
  const ac = new AbortController();
  return new Promise((resolve) => {
    const createConnection = (_o: unknown, cb: (e: Error | null, s?: Duplex) => void) => {
      setTimeout(
        () =>
          client.forwardOut('127.0.0.1', 0, '127.0.0.1', 80, (e, ch) => {
            if (e) return cb(e);
            channelsOpen++;
            ch.once('close', () => channelsOpen--);
            cb(null, asSocket(ch));
          }),
        openDelayMs,
      );
      return undefined;
    };
    const req = http.request({
      createConnection: createConnection as never,
      host: 'svc',
      path: '/',
      signal: ac.signal,
      headers: { connection: 'close' },
    });
    req.on('error', (e) => resolve({ outcome: e.name, ms: Date.now() - t0 }));
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ outcome: body, ms: Date.now() - t0 }));
    });
    req.end();
    if (abortAfterMs !== null) setTimeout(() => ac.abort(), abortAfterMs);
  });
}

async function until(what: string, ok: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('an HTTP request over an SSH channel', () => {
  it('is answered when not aborted', async () => {
    expect((await get(0, null)).outcome).toBe('served');
  });

  it('aborted while its channel is opened: fails at once and the channel is closed', async () => {
    const r = await get(150, 20);
    expect(r.outcome).not.toBe('served');
    expect(r.ms).toBeLessThan(1000);
    await until('the channel to close', () => channelsOpen === 0);
  });

  it('a request after an aborted one is still answered', async () => {
    expect((await get(100, 10)).outcome).not.toBe('served');
    expect((await get(0, null)).outcome).toBe('served');
  });
});

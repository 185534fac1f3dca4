// What a user checks from outside a started console: every page and API answer forbids framing and sniffing and
// carries a script policy; inherited names are not ranges; the data directory and every file the console wrote
// in it (database, WAL, master key, an uploaded test input) are private. Before: no frame headers,
// `?range=constructor` answered 200, upload folders were 0755.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleWithRoles, type Roles } from '../integration/web/session';

let r: Roles;
let dataDir: string;
beforeAll(async () => {
  // Made world-readable on purpose, as an older console or a careless `mkdir` would leave it.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-modes-'));
  fs.chmodSync(dataDir, 0o755);
  r = await consoleWithRoles({ dataDir });
}, 300_000);
afterAll(async () => {
  await r?.server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('security headers', () => {
  it.each([
    ['a page, signed out', () => r.anonymous.request('GET', '/login')],
    ['a page, signed in', () => r.viewer.request('GET', '/')],
    ['an API answer', () => r.viewer.get('/api/health')],
    ['an API refusal', () => r.anonymous.get('/api/fleet')],
    ['a page that does not exist', () => r.viewer.request('GET', '/no-such-page')],
  ])('%s: no framing, no sniffing, a script policy, a referrer policy', async (_what, get) => {
    const res = await get();
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('inherited names are not keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '?range=%s on the samples route → 400 naming the field',
    async (range) => {
      const res = await r.viewer.get(`/api/containers/no-host/no-container/samples?range=${range}`);
      expect(res.status, res.body).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toBe(
        'range: one of 1h, 6h, 24h, 7d, 30d',
      );
    },
  );
});

describe('the data directory', () => {
  it('is 0700, and the database, its WAL, the master key and an uploaded input are 0600 (folders 0700)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-wav-'));
    const wav = path.join(dir, 'a.wav');
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:duration=1',
      '-ar',
      '16000',
      '-ac',
      '1',
      wav,
    ]);
    const up = await fetch(`${r.server.url}/api/throughput/inputs?kind=audio&name=a.wav`, {
      method: 'POST',
      body: fs.readFileSync(wav),
      headers: {
        'content-type': 'application/octet-stream',
        origin: r.operator.origin,
        cookie: `dhc_session=${r.operator.cookie('dhc_session')}`,
      },
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(up.status, await up.clone().text()).toBe(201);
    const modes: Record<string, string> = {};
    const walk = (p: string) => {
      const st = fs.statSync(p);
      modes[path.relative(r.server.dataDir, p) || '.'] =
        `${st.isDirectory() ? 'dir' : 'file'} ${(st.mode & 0o777).toString(8)}`;
      if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    };
    walk(r.server.dataDir);
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining([
        '.',
        'console.db',
        'console.db-wal',
        'master.key',
        'throughput/inputs',
      ]),
    );
    expect(Object.keys(modes).some((k) => /^throughput\/inputs\/[0-9a-f-]+\.wav$/.test(k))).toBe(
      true,
    );
    for (const [rel, what] of Object.entries(modes))
      expect(what, rel).toBe(what.startsWith('dir') ? 'dir 700' : 'file 600');
  });
});

// A 2 GiB upload streams to disk within a fixed memory budget: the console's resident memory (the `next start`
// process and its children, sampled every 50 ms) grows by far less than the file. The body is a video header and
// zeros, refused by the content check at the end: the partial file is removed and nothing is stored.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleWithRoles, type Roles } from '../integration/web/session';

const SIZE = 2 * 1024 ** 3;
const BUDGET = 256 * 1024 ** 2;
let r: Roles;

/** Resident memory of a process tree, from /proc. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    let stat = '';
    try {
      stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      /* gone */
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

beforeAll(async () => {
  r = await consoleWithRoles();
  // The limit is an admin setting; raise it above the file for this console only.
  const db = new BetterSqlite3(path.join(r.server.dataDir, 'console.db'));
  db.prepare(
    "INSERT INTO settings (key, value, updated_at) VALUES ('throughput.uploadLimitBytes', ?, 'now') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(JSON.stringify(SIZE + 1024 ** 2));
  db.close();
}, 300_000);

afterAll(async () => {
  await r?.server.stop();
});

describe('a 2 GiB upload', () => {
  it('streams within the memory budget and leaves nothing behind when refused', async () => {
    // Warm the route so that compiling and loading it is not counted as the upload's memory.
    await r.operator.get('/api/throughput/inputs');
    const baseline = treeRss(r.server.pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRss(r.server.pid))), 50);
    const u = new URL(`${r.server.url}/api/throughput/inputs?kind=video&name=huge.mp4`);
    const started = Date.now();
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: 'POST',
        headers: {
          origin: r.operator.origin,
          'content-type': 'application/octet-stream',
          'content-length': String(SIZE),
          cookie: `dhc_session=${r.operator.cookie('dhc_session') ?? ''}`,
        },
      });
      req.on('response', (m) => {
        let body = '';
        m.on('data', (c: Buffer) => (body += c.toString()));
        m.on('end', () => resolve({ status: m.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      const MiB = 1024 ** 2;
      const first = Buffer.alloc(MiB);
      Buffer.from('\0\0\0\x18ftypmp42\0\0\0\0mp42isom', 'latin1').copy(first);
      const zeros = Buffer.alloc(MiB);
      let sent = 0;
      const pump = () => {
        while (sent < SIZE) {
          const part = sent === 0 ? first : zeros;
          sent += part.length;
          if (!req.write(part)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    clearInterval(sampler);
    const growth = peak - baseline;
    console.log(
      `2 GiB upload: HTTP ${res.status} in ${((Date.now() - started) / 1000).toFixed(1)} s; console RSS ${(baseline / 1048576).toFixed(0)} MiB -> peak ${(peak / 1048576).toFixed(0)} MiB (+${(growth / 1048576).toFixed(0)} MiB)`,
    );
    expect(res.status, res.body).toBe(415);
    expect(growth).toBeLessThan(BUDGET);
    const dir = path.join(r.server.dataDir, 'throughput', 'inputs');
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
    expect(
      (await r.viewer.get('/api/throughput/inputs')).json<{ inputs: unknown[] }>().inputs,
    ).toEqual([]);
  }, 300_000);
});

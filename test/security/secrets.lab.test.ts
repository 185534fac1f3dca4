// Secrets never leave the encrypted column: a console that was given a lab host's private key (pasted through the
// web form), used it for real (fleet, container page, a remedy preview over SSH), and saw bad input and a failed
// connection, has the key nowhere else: not in any file of its data directory (database, WAL, anything), not in
// its log, not in any API answer or page, not in the audit log.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labHost } from '../helpers/lab';
import type { ConsoleClient } from '../integration/web/console-client';
import { consoleWithRoles, type Roles } from '../integration/web/session';

let r: Roles;
let key = '';
let hostId = '';
const answers: { what: string; body: string }[] = [];

async function keep(
  what: string,
  p: Promise<{ status: number; body: string }>,
): Promise<{ status: number; body: string }> {
  const res = await p;
  answers.push({ what, body: res.body });
  return res;
}

/** The needles: the PEM armour and every base64 line of the key body (any one of them is a leak). */
const needles = () => [
  'PRIVATE KEY',
  ...key.split('\n').filter((l) => l && !l.startsWith('-----')),
];

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function action(client: ConsoleClient, file: string, name: string, arg: unknown) {
  const { reply, http } = await client.action<{ host: { id: string } }>(file, name, [arg]);
  answers.push({ what: `${name} ${JSON.stringify(arg).slice(0, 40)}`, body: http.body });
  return reply;
}

beforeAll(async () => {
  const h1 = await labHost('h1');
  key = fs.readFileSync(h1.keyFile, 'utf8');
  r = await consoleWithRoles();
  const host = {
    name: 'secret-h1',
    address: h1.address,
    port: h1.port,
    user: h1.user,
    dockerSocket: h1.dockerSocket,
    groups: 'lab',
    keyMode: 'paste',
    privateKey: key,
  };
  const added = await action(r.admin, 'app/actions/add-host.ts', 'addHostAction', host);
  if (!added?.ok) throw new Error(`add: ${JSON.stringify(added)}`);
  hostId = added.data.host.id;
  // Bad input carrying the key: refused, and the refusal must not echo it.
  await action(r.admin, 'app/actions/add-host.ts', 'addHostAction', {
    ...host,
    name: 'bad port',
    port: 'ssh',
  });
  await action(r.admin, 'app/actions/add-host.ts', 'addHostAction', {
    ...host,
    name: 'cut-key',
    privateKey: key.slice(0, 200),
  });
  // A connection that fails (unpinned yet), then pinned and used for real.
  await keep('fleet before pin', r.admin.get(`/api/fleet?host=${hostId}`));
  await action(r.admin, 'app/actions/trust-host-key.ts', 'trustHostKey', {
    id: hostId,
    fingerprint: h1.fingerprint,
  });
}, 300_000);

afterAll(async () => {
  await r?.server.stop();
});

describe('private keys', () => {
  it('are used: the console reaches the host with the pasted key', async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await keep('fleet', r.admin.get(`/api/fleet?host=${hostId}`));
      const entry = JSON.parse(res.body).hosts?.[0] as
        | { status: string; containers: { name: string }[] }
        | undefined;
      if (entry?.status === 'reachable' && entry.containers.length > 0) break;
      if (Date.now() > deadline) throw new Error(`host never answered: ${res.body}`);
      await new Promise((res2) => setTimeout(res2, 500));
    }
    const c = 'healthy-digital-human-service-1';
    await keep('container', r.admin.get(`/api/containers/${hostId}/${c}`));
    await keep('logs', r.admin.get(`/api/containers/${hostId}/${c}/logs`));
    const preview = await keep(
      'preview',
      r.operator.post('/api/jobs/preview', { hostId, container: c, name: 'batch-size' }),
    );
    expect(preview.status, preview.body).toBe(200);
    for (const p of [
      '/api/hosts',
      '/api/users',
      '/api/audit?limit=1000',
      '/api/metrics',
      '/api/jobs',
      '/hosts',
      '/',
      `/containers/${hostId}/${c}`,
      '/audit',
    ]) {
      await keep(p, r.admin.request('GET', p));
    }
  });

  it('appear in no API answer or page', () => {
    expect(answers.length).toBeGreaterThan(15);
    for (const { what, body } of answers)
      for (const n of needles())
        expect(body.includes(n), `${what} contains ${n.slice(0, 20)}`).toBe(false);
  });

  it('appear in no file of the data directory (the database is encrypted column by column) nor in the console log', () => {
    const files = [...filesUnder(r.server.dataDir), r.server.logFile];
    expect(files.some((f) => f.endsWith('.db'))).toBe(true);
    for (const f of files) {
      const text = fs.readFileSync(f).toString('latin1');
      for (const n of needles())
        expect(text.includes(n), `${path.basename(f)} contains ${n.slice(0, 20)}`).toBe(false);
    }
  });
});

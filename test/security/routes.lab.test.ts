// Every route handler on disk, called directly over HTTP against `next start` as each role and with the requests a
// browser never sends. The table must list every exported method of every app/api/**/route.ts: a new handler
// without a row here fails the first test, so the suite grows with the console.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleClient } from '../integration/web/console-client';
import { consoleWithRoles, type Roles } from '../integration/web/session';

type Role = 'viewer' | 'operator' | 'admin';
interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  role: Role;
  /** Changes state: Origin and content type are checked too. */
  mutates: boolean;
  /** A body an allowed caller could send (ids that do not exist: nothing is changed even when allowed). */
  body?: unknown;
  contentType?: string;
}

const J = 'j-20990101-deadbeef';
const T = 't-20990101-deadbeef';
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/audit', role: 'admin', mutates: false },
  { method: 'GET', path: '/api/containers/no-host/no-container', role: 'viewer', mutates: false },
  {
    method: 'GET',
    path: '/api/containers/no-host/no-container/logs',
    role: 'viewer',
    mutates: false,
  },
  {
    method: 'GET',
    path: '/api/containers/no-host/no-container/logs/follow',
    role: 'viewer',
    mutates: false,
  },
  {
    method: 'GET',
    path: '/api/containers/no-host/no-container/samples',
    role: 'viewer',
    mutates: false,
  },
  // Reads a log the caller posts and answers findings; changes nothing, so viewers may use it.
  { method: 'POST', path: '/api/diagnose', role: 'viewer', mutates: false, body: { log: 'x' } },
  { method: 'GET', path: '/api/fleet', role: 'viewer', mutates: false },
  { method: 'GET', path: '/api/health', role: 'viewer', mutates: false },
  { method: 'GET', path: '/api/hosts', role: 'viewer', mutates: false },
  { method: 'POST', path: `/api/jobs/${J}/cancel`, role: 'operator', mutates: true, body: {} },
  {
    method: 'POST',
    path: `/api/jobs/${J}/discard-original`,
    role: 'operator',
    mutates: true,
    body: {},
  },
  { method: 'GET', path: `/api/jobs/${J}/events`, role: 'viewer', mutates: false },
  { method: 'GET', path: `/api/jobs/${J}`, role: 'viewer', mutates: false },
  {
    method: 'POST',
    path: `/api/jobs/${J}/undo/preview`,
    role: 'operator',
    mutates: true,
    body: {},
  },
  { method: 'POST', path: `/api/jobs/${J}/undo`, role: 'operator', mutates: true, body: {} },
  { method: 'GET', path: '/api/jobs/batch/b-20990101-deadbeef', role: 'viewer', mutates: false },
  {
    method: 'POST',
    path: '/api/jobs/batch',
    role: 'operator',
    mutates: true,
    body: { name: 'restart', targets: [{ hostId: 'no-host', container: 'x' }] },
  },
  {
    method: 'POST',
    path: '/api/jobs/preview',
    role: 'operator',
    mutates: true,
    body: { hostId: 'no-host', container: 'x', name: 'restart' },
  },
  { method: 'GET', path: '/api/jobs', role: 'viewer', mutates: false },
  {
    method: 'POST',
    path: '/api/jobs',
    role: 'operator',
    mutates: true,
    body: { hostId: 'no-host', container: 'x', name: 'restart' },
  },
  { method: 'GET', path: '/api/metrics', role: 'viewer', mutates: false },
  { method: 'GET', path: '/api/remedies/defaults', role: 'viewer', mutates: false },
  {
    method: 'PUT',
    path: '/api/remedies/defaults',
    role: 'admin',
    mutates: true,
    body: { batchSize: 'nope' },
  },
  {
    method: 'DELETE',
    path: '/api/throughput/inputs/no-such-input',
    role: 'operator',
    mutates: true,
  },
  { method: 'GET', path: '/api/throughput/inputs', role: 'viewer', mutates: false },
  {
    method: 'POST',
    path: '/api/throughput/inputs?kind=audio&name=a.wav',
    role: 'operator',
    mutates: true,
    body: 'not audio',
    contentType: 'application/octet-stream',
  },
  {
    method: 'POST',
    path: `/api/throughput/runs/${T}/cancel`,
    role: 'operator',
    mutates: true,
    body: {},
  },
  {
    method: 'GET',
    path: `/api/throughput/runs/${T}/outputs/0.mp4`,
    role: 'viewer',
    mutates: false,
  },
  { method: 'GET', path: `/api/throughput/runs/${T}`, role: 'viewer', mutates: false },
  { method: 'GET', path: '/api/throughput/runs', role: 'viewer', mutates: false },
  {
    method: 'POST',
    path: '/api/throughput/runs',
    role: 'operator',
    mutates: true,
    body: { hostId: 'no-host', container: 'x', audioId: 'a', videoId: 'v' },
  },
  { method: 'GET', path: '/api/users', role: 'admin', mutates: false },
];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const ROLES: Role[] = ['viewer', 'operator', 'admin'];
// The header of CVE-2025-29927: it made Next.js skip middleware. Authorization here is in every handler, not in a
// middleware, so it must change nothing.
const SUBREQUEST = {
  'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
};

/** The handler file a URL path reaches: `[param]` directories match any one segment. */
function routeFile(urlPath: string): string {
  const segs = urlPath.split('?')[0]!.split('/').filter(Boolean);
  const walk = (dir: string, rest: string[]): string | null => {
    if (rest.length === 0)
      return fs.existsSync(path.join(dir, 'route.ts')) ? path.join(dir, 'route.ts') : null;
    const [head, ...tail] = rest;
    if (fs.existsSync(path.join(dir, head!))) {
      const hit = walk(path.join(dir, head!), tail);
      if (hit) return hit;
    }
    for (const d of fs.readdirSync(dir))
      if (/^\[.+\]$/.test(d)) {
        const hit = walk(path.join(dir, d), tail);
        if (hit) return hit;
      }
    return null;
  };
  return path.relative(process.cwd(), walk(process.cwd() + '/app', segs) ?? 'none');
}

function handlersOnDisk(): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name === 'route.ts') {
        for (const m of fs
          .readFileSync(p, 'utf8')
          .matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g))
          out.push(`${m[1]} ${path.relative(process.cwd(), p)}`);
      }
    }
  };
  visit('app/api');
  return out.sort();
}

// Every way to read a whole body at once: a route reads JSON through lib/web/json-body.ts (64 KiB, counted while it
// arrives), the upload and the log check stream theirs; none of these may appear in a route file.
const WHOLE_BODY_READ = /\b(?:req|request)\.(?:json|text|formData|arrayBuffer|blob|bytes)\(/;
// A mutation route reads a JSON body unless it takes its input from the query string (a streamed upload).
const readsJsonBody = (x: Route) => {
  const text = fs.readFileSync(routeFile(x.path), 'utf8');
  return (
    text.includes('jsonBody(') ||
    (text.includes('mutationRoute') && !text.includes("body: 'query'"))
  );
};

function send(
  client: ConsoleClient,
  r: Route,
  opts: {
    origin?: string | null;
    contentType?: string;
    headers?: Record<string, string>;
    body?: string;
  } = {},
) {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (r.method !== 'GET') {
    const origin = opts.origin === undefined ? client.origin : opts.origin;
    if (origin !== null) headers.origin = origin;
    headers['content-type'] = opts.contentType ?? r.contentType ?? 'application/json';
  }
  const body =
    opts.body ??
    (r.body === undefined
      ? undefined
      : typeof r.body === 'string'
        ? r.body
        : JSON.stringify(r.body));
  return client.request(r.method, r.path, { headers, body });
}

let r: Roles;

beforeAll(async () => {
  r = await consoleWithRoles();
}, 300_000);

afterAll(async () => {
  await r?.server.stop();
});

const label = (x: Route) => `${x.method} ${x.path}`;

describe('every route handler', () => {
  it('is in this table, with the role it requires', () => {
    expect(ROUTES.map((x) => `${x.method} ${routeFile(x.path)}`).sort()).toEqual(handlersOnDisk());
  });

  it('refuses a caller with no session (401), with or without x-middleware-subrequest', async () => {
    for (const x of ROUTES) {
      expect((await send(r.anonymous, x)).status, label(x)).toBe(401);
      expect(
        (await send(r.anonymous.withHeaders(SUBREQUEST), x)).status,
        `${label(x)} + subrequest`,
      ).toBe(401);
    }
  });

  it('refuses each role below the one it requires (403, audited when it changes state), and lets the others past the role check', async () => {
    for (const x of ROUTES) {
      for (const role of ROLES) {
        const res = await send(r[role], x);
        if (RANK[role] < RANK[x.role]) {
          expect(res.status, `${role} ${label(x)}: ${res.body}`).toBe(403);
          expect(res.json<{ error: { code: string } }>().error.code, `${role} ${label(x)}`).toBe(
            'forbidden',
          );
        } else {
          // Allowed: whatever the handler answers for ids that do not exist, but never a refusal by role.
          expect([401, 403], `${role} ${label(x)}: ${res.body}`).not.toContain(res.status);
        }
      }
    }
    const audit = (await r.admin.get('/api/audit?limit=1000')).json<{
      entries: { action: string; result: string; actor: { name: string } }[];
    }>();
    expect(
      audit.entries.some(
        (e) => e.action === 'job.start' && e.result === 'denied' && e.actor.name === 'victor',
      ),
    ).toBe(true);
    expect(
      audit.entries.some(
        (e) =>
          e.action === 'remedies.defaults.update' &&
          e.result === 'denied' &&
          e.actor.name === 'olga',
      ),
    ).toBe(true);
  });

  it('that changes state refuses a missing, null or foreign Origin, and a forged X-Forwarded-Host does not vouch for one', async () => {
    for (const x of ROUTES.filter((y) => y.mutates)) {
      const admin = r.admin;
      for (const origin of [null, 'null', 'http://evil.example']) {
        const res = await send(admin, x, { origin });
        expect(res.status, `${label(x)} Origin ${origin}: ${res.body}`).toBe(403);
        expect(res.json<{ error: { code: string } }>().error.code).toBe('bad_origin');
      }
      const forged = await send(admin.withHeaders({ 'x-forwarded-host': 'evil.example' }), x, {
        origin: 'http://evil.example',
      });
      expect(forged.status, `${label(x)} forged X-Forwarded-Host`).toBe(403);
    }
  });

  it('that changes state refuses a form-encoded or plain-text body (what a cross-site form can send)', async () => {
    for (const x of ROUTES.filter((y) => y.mutates)) {
      for (const contentType of [
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await send(r.admin, x, { contentType });
        expect(res.status, `${label(x)} ${contentType}: ${res.body}`).toBe(400);
        expect(res.json<{ error: { code: string; message: string } }>().error.message).toMatch(
          /application\/(json|octet-stream)/,
        );
      }
    }
  });

  it('never reads a whole body at once: no req.json()/text()/formData()/arrayBuffer()/blob() in any route file', () => {
    const offenders = handlersOnDisk()
      .map((h) => h.split(' ')[1]!)
      .filter((f) => WHOLE_BODY_READ.test(fs.readFileSync(f, 'utf8')));
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('that reads a JSON body refuses one over 64 KiB with 413, for every role allowed to post there', async () => {
    const routes = ROUTES.filter((x) => x.method !== 'GET' && readsJsonBody(x));
    expect(routes.length).toBeGreaterThanOrEqual(6);
    const big = JSON.stringify({ pad: 'x'.repeat(64 * 1024) });
    for (const x of routes) {
      for (const role of ROLES.filter((y) => RANK[y] >= RANK[x.role])) {
        const res = await send(r[role], x, { body: big });
        expect(res.status, `${role} ${label(x)}: ${res.body}`).toBe(413);
        expect(res.json<{ error: { code: string } }>().error.code).toBe('too_large');
      }
    }
  });

  it('answers guessed ids of objects that do not exist with 404, and never serves a file outside a run', async () => {
    for (const p of [
      `/api/jobs/${J}`,
      `/api/jobs/${J}/events`,
      '/api/jobs/batch/b-20990101-deadbeef',
      `/api/throughput/runs/${T}`,
      `/api/throughput/runs/${T}/outputs/0.mp4`,
    ]) {
      expect((await r.admin.get(p)).status, p).toBe(404);
    }
    for (const p of [
      `/api/throughput/runs/${T}/outputs/..%2f..%2fconsole.db`,
      `/api/throughput/runs/..%2f..%2f/outputs/0.mp4`,
      `/api/throughput/runs/${T}/outputs/%2e%2e`,
    ]) {
      const res = await r.admin.get(p);
      // Next.js answers a dot segment with a redirect to the normalised path, which is itself one of the above.
      expect([308, 400, 404], `${p}: ${res.status}`).toContain(res.status);
      if (res.status === 308)
        expect(res.headers.get('location') ?? '').not.toMatch(/outputs\/\.\.|console\.db/);
      expect(res.body).not.toContain('SQLite');
    }
  });
});

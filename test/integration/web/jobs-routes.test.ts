// The jobs and remedy-defaults route handlers over real HTTP as each role: who may preview, run, cancel and undo,
// Origin and content type checks on every state change, clear field errors, 404 for unknown ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleWithRoles, type Roles } from './session';

let r: Roles;
beforeAll(async () => {
  r = await consoleWithRoles();
});
afterAll(async () => {
  await r?.server.stop();
});

const job = { hostId: 'no-such-host', container: 'svc-1', name: 'restart' };

describe('jobs route handlers', () => {
  it.each([
    ['/api/jobs', job],
    ['/api/jobs/preview', job],
    ['/api/jobs/j-x/cancel', {}],
    ['/api/jobs/j-x/undo', {}],
    ['/api/jobs/j-x/undo/preview', {}],
    ['/api/jobs/batch', { name: 'restart', targets: [{ hostId: 'x', container: 'y' }] }],
  ])(
    'POST %s: anonymous 401, viewer 403; foreign or missing Origin and non-JSON bodies refused for an operator',
    async (path, body) => {
      expect((await r.anonymous.post(path, body)).status).toBe(401);
      expect((await r.viewer.post(path, body)).status).toBe(403);
      expect((await r.operator.post(path, body, { origin: 'https://evil.example' })).status).toBe(
        403,
      );
      expect((await r.operator.post(path, body, { origin: null })).status).toBe(403);
      expect((await r.operator.post(path, body, { contentType: 'text/plain' })).status).toBe(400);
    },
  );

  it('an operator gets field errors before anything runs, 404 for unknown hosts and jobs', async () => {
    const bad = await r.operator.post('/api/jobs', {
      hostId: 'h',
      container: '-oProxyCommand=x',
      name: 'restart',
    });
    expect(bad.status).toBe(400);
    expect(
      bad.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field),
    ).toContain('container');
    const unknown = await r.operator.post('/api/jobs', {
      hostId: 'h',
      container: 'svc',
      name: 'rm-rf',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('remedy');
    const version = await r.operator.post('/api/jobs', {
      ...job,
      name: 'pin-ort',
      params: { version: '1.16.0; rm -rf /' },
    });
    expect(version.status).toBe(400);
    expect(
      version.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field),
    ).toContain('version');
    expect((await r.operator.post('/api/jobs', job)).status).toBe(404);
    expect((await r.operator.post('/api/jobs/j-nope/cancel', {})).status).toBe(404);
    expect((await r.viewer.get('/api/jobs/j-nope')).status).toBe(404);
    expect((await r.viewer.get('/api/jobs')).status).toBe(200);
  });

  it('only admins change the remedy defaults; bad values name the field', async () => {
    const current = (await r.viewer.get('/api/remedies/defaults')).json<{
      defaults: Record<string, unknown>;
    }>().defaults;
    expect(current.ortVersion).toBe('1.16.0');
    const put = (who: typeof r.admin, body: unknown) =>
      who.request('PUT', '/api/remedies/defaults', {
        headers: {
          origin: who.origin,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
      });
    expect((await put(r.operator, { ...current, batchSize: 2 })).status).toBe(403);
    const bad = await put(r.admin, { ...current, ortVersion: '$(id)' });
    expect(bad.status).toBe(400);
    expect(
      bad.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field),
    ).toContain('ortVersion');
    const ok = await put(r.admin, { ...current, batchSize: 2 });
    expect(ok.status).toBe(200);
    expect(
      (await r.viewer.get('/api/remedies/defaults')).json<{ defaults: { batchSize: number } }>()
        .defaults.batchSize,
    ).toBe(2);
    const audit = (await r.admin.get('/api/audit')).json<{
      entries: { action: string; result: string }[];
    }>();
    expect(audit.entries.some((e) => e.action === 'settings.update' && e.result === 'ok')).toBe(
      true,
    );
    expect(audit.entries.some((e) => e.action === 'job.start' && e.result === 'denied')).toBe(true);
  });
});

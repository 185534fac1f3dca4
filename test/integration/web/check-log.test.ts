// The "paste a log" route: the same classification as `dhc diagnose --json`, a session required, a size limit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dhc } from '../core/run-dhc';
import { consoleWithRoles, type Roles } from './session';

const TASK = '6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
const LOG = [
  `[2025-03-23 23:13:34] [process.py[line:108]] [ERROR] [[${TASK}]任务视频驱动队列满，严重阻塞，下游队列异常]`,
  `2025-03-23T23:13:35.000Z starpainting-digital-human-service-1  | [2025-03-23 23:13:35] [process.py[line:108]] [ERROR] [[17]任务视频驱动队列满，严重阻塞，下游队列异常]\r`,
  '[42]任务视频驱动队列满，严重阻塞，下游队列异常',
  '2025-03-23 23:13:36.1 [W:onnxruntime:Default, onnxruntime_pybind_state.cc:861 CreateExecutionProviderInstance] Failed to create CUDAExecutionProvider.',
  '',
].join('\n');

let r: Roles;
beforeAll(async () => {
  r = await consoleWithRoles();
});
afterAll(async () => {
  await r?.server.stop();
});

const post = (who: Roles['viewer'], body: string) =>
  who.request('POST', '/api/diagnose', {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      origin: who.origin,
      accept: 'application/json',
    },
    body,
  });

describe('paste a log', () => {
  it('needs a session', async () => {
    expect((await post(r.anonymous, LOG)).status).toBe(401);
  });

  it('classifies all three line shapes (CRLF too) exactly as dhc diagnose --json does', async () => {
    const res = await post(r.viewer, LOG);
    expect(res.status).toBe(200);
    const body = res.json<{
      signatures: Record<string, { count: number; taskIds: string[] }>;
      findings: { id: string }[];
    }>();
    expect(body.signatures.queue_full!.count).toBe(3);
    expect(body.signatures.queue_full!.taskIds).toEqual(expect.arrayContaining([TASK, '17', '42']));
    expect(body.signatures.cuda_provider_fallback!.count).toBe(1);
    expect(body.findings.map((f) => f.id)).toContain('queue_blocking');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paste-')), 'customer.log');
    fs.writeFileSync(file, LOG);
    const cli = await dhc(['diagnose', file, '--json']);
    expect(cli.code).toBe(0);
    const fromCli = (JSON.parse(cli.stdout) as { files: { signatures: unknown }[] }).files[0]!
      .signatures;
    expect(body.signatures).toEqual(fromCli);
  });

  it('a log over the limit is refused with 413 and a clear message', async () => {
    const res = await post(r.viewer, 'x'.repeat(21 * 1024 * 1024));
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/larger than 20 MiB/);
  });
});

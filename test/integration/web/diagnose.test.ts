// The "paste a log" route beyond plain text (check-log.test.ts): a JSON body classifies the same, bad JSON is
// refused, and a streamed body past the limit is refused while it is still arriving (the server never reads it all).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@/lib/auth/session';
import { consoleWithRoles, type Roles } from './session';

const LOG = [
  '[2025-03-23 23:13:34] [process.py[line:108]] [ERROR] [[7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f]任务视频驱动队列满，严重阻塞，下游队列异常]',
  '[2025-03-23 23:14:02] [process.py[line:108]] [ERROR] [[18]任务视频驱动队列满，严重阻塞，下游队列异常]\r',
  '2025-03-23 23:13:36.1 [E:onnxruntime:Default, provider_bridge_ort.cc:1480 TryGetProviderInfo_CUDA] libcudnn.so.8: cannot open shared object file',
  '2025-03-23 23:13:36.2 [W:onnxruntime:Default, onnxruntime_pybind_state.cc:861 CreateExecutionProviderInstance] Failed to create CUDAExecutionProvider.',
  '',
].join('\n');

interface Result {
  signatures: Record<
    string,
    { count: number; taskIds: string[]; first: string | null; last: string | null }
  >;
  findings: { id: string }[];
}

let r: Roles;
beforeAll(async () => {
  r = await consoleWithRoles();
});
afterAll(async () => {
  await r?.server.stop();
});

const post = (body: string, type: string) =>
  r.viewer.request('POST', '/api/diagnose', {
    headers: { 'content-type': type, accept: 'application/json' },
    body,
  });

/** POSTs an endless chunked body (no Content-Length) until the server answers; how many bytes went out by then. */
function streamUntilAnswered(cap: number): Promise<{ status: number; body: string; sent: number }> {
  const url = new URL('/api/diagnose', r.server.url);
  const chunk = Buffer.from(`${LOG}`.repeat(Math.ceil(65536 / Buffer.byteLength(LOG))));
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          cookie: `${SESSION_COOKIE}=${r.viewer.cookie(SESSION_COOKIE)}`,
        },
      },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
      },
    );
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const pump = () => {
      while (!answered && sent < cap) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('paste a log: JSON bodies and streaming', () => {
  it('a JSON body {"text"} gets the same classification as the same log sent as text', async () => {
    const asText = await post(LOG, 'text/plain; charset=utf-8');
    const asJson = await post(JSON.stringify({ text: LOG }), 'application/json');
    expect(asText.status).toBe(200);
    expect(asJson.status).toBe(200);
    const a = asText.json<Result>();
    const b = asJson.json<Result>();
    expect(b.signatures.queue_full!.count).toBe(2);
    expect(b.signatures.queue_full!.taskIds).toEqual(
      expect.arrayContaining(['18', '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f']),
    );
    expect(b.signatures.queue_full!.first).toMatch(/23:13:34/);
    expect(b.signatures.queue_full!.last).toMatch(/23:14:02/);
    expect(b.signatures.cuda_provider_fallback!.count).toBeGreaterThan(0);
    expect(b.signatures).toEqual(a.signatures);
    expect(b.findings.map((f) => f.id)).toEqual(a.findings.map((f) => f.id));
  });

  it('JSON that is not {"text": string} is refused with 400, saying why', async () => {
    const broken = await post('{"text": "unterminated', 'application/json');
    expect(broken.status).toBe(400);
    expect(broken.json<{ error: { code: string; message: string } }>().error.message).toMatch(
      /not valid JSON/,
    );
    const noText = await post(JSON.stringify({ log: LOG }), 'application/json');
    expect(noText.status).toBe(400);
    expect(noText.json<{ error: { message: string } }>().error.message).toMatch(
      /text: must be the log as a string/,
    );
  });

  it('a JSON body over the limit is refused with 413 too', async () => {
    const res = await post(
      JSON.stringify({ text: 'x'.repeat(21 * 1024 * 1024) }),
      'application/json',
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/larger than 20 MiB/);
  });

  it('a streamed body without Content-Length is cut off at the limit: 413 before the sender is done', async () => {
    const cap = 200 * 1024 * 1024;
    const res = await streamUntilAnswered(cap);
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/larger than 20 MiB/);
    // The answer came while the body was still being sent: far less than the 200 MB the sender would have sent.
    expect(res.sent).toBeLessThan(cap / 2);
  });

  it('an anonymous JSON post is refused like a text one', async () => {
    const res = await r.anonymous.request('POST', '/api/diagnose', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: LOG }),
    });
    expect(res.status).toBe(401);
  });
});

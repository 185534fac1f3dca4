// A small client of Gradio 4's queue protocol over an http.Agent. @gradio/client 1.6.0 cannot be used here: it
// calls the global fetch (undici) for uploads and for the /queue/data event stream and takes no agent or fetch
// option, so it cannot travel through the host's SSH connection (lib/remote's tcpAgent).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '@/lib/files/private';

export class QueueFullError extends Error {
  constructor() {
    super('HTTP 503 Queue is full.');
    this.name = 'QueueFullError';
  }
}

export interface GradioTarget {
  agent: http.Agent;
  /** Host header the service sees; it builds output URLs from it (never fetched by us). */
  host: string;
  port: number;
}

export type SseMessage = { msg: string; [k: string]: unknown };

function request(
  t: GradioTarget,
  method: string,
  p: string,
  headers: http.OutgoingHttpHeaders,
  signal?: AbortSignal,
): { req: http.ClientRequest; res: Promise<http.IncomingMessage> } {
  // One SSH channel per request, outside the agent's keep-alive pool: a pooled socket destroyed early (an event
  // stream cut after process_completed, a cancel) could keep its pool slot, and four such leaks hang every later
  // request on this port. The agent's createConnection is lib/remote's forward through the host's connection.
  const agent = t.agent as unknown as {
    createConnection: NonNullable<http.RequestOptions['createConnection']>;
  };
  const req = http.request({
    createConnection: agent.createConnection.bind(t.agent),
    host: t.host,
    port: t.port,
    method,
    path: p,
    headers: { ...headers, connection: 'close' },
    signal,
  });
  const res = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.on('error', reject);
    // Settle on a cancel even when http has not reported it yet (a request still waiting for its SSH channel).
    const onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('close', () => signal?.removeEventListener('abort', onAbort));
  });
  res.catch(() => undefined);
  return { req, res };
}

async function bodyText(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** POST /upload (multipart field `files`), streamed from disk; returns the server-side path. */
export async function uploadFile(
  t: GradioTarget,
  file: string,
  signal?: AbortSignal,
): Promise<string> {
  const boundary = `----dhc${randomBytes(12).toString('hex')}`;
  const name = path.basename(file).replace(/["\r\n]/g, '_');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = (await fs.promises.stat(file)).size;
  const { req, res } = request(
    t,
    'POST',
    '/upload',
    {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': head.length + size + tail.length,
    },
    signal,
  );
  req.write(head);
  const src = fs.createReadStream(file);
  src.on('data', (c) => req.write(c));
  src.once('end', () => req.end(tail));
  src.once('error', (e) => req.destroy(e));
  req.once('close', () => src.destroy());
  const r = await res;
  const text = await bodyText(r);
  if (r.statusCode !== 200)
    throw new Error(`upload answered HTTP ${r.statusCode}: ${text.slice(0, 200)}`);
  const paths = JSON.parse(text) as unknown;
  if (!Array.isArray(paths) || typeof paths[0] !== 'string')
    throw new Error(`upload answered no path: ${text.slice(0, 200)}`);
  return paths[0];
}

/** POST /queue/join; a 503 is the queue's "Queue is full." (the Gradio queue's max_size was reached). */
export async function joinQueue(
  t: GradioTarget,
  sessionHash: string,
  data: unknown[],
  signal?: AbortSignal,
): Promise<string> {
  const body = Buffer.from(
    JSON.stringify({
      data,
      fn_index: 0,
      session_hash: sessionHash,
      event_data: null,
      trigger_id: null,
    }),
  );
  const { req, res } = request(
    t,
    'POST',
    '/queue/join',
    { 'content-type': 'application/json', 'content-length': body.length },
    signal,
  );
  req.end(body);
  const r = await res;
  const text = await bodyText(r);
  if (r.statusCode === 503) throw new QueueFullError();
  if (r.statusCode !== 200)
    throw new Error(`queue/join answered HTTP ${r.statusCode}: ${text.slice(0, 200)}`);
  const id = (JSON.parse(text) as { event_id?: unknown }).event_id;
  if (typeof id !== 'string')
    throw new Error(`queue/join answered no event_id: ${text.slice(0, 200)}`);
  return id;
}

/** GET /queue/data?session_hash=: yields each `data: {...}` message until close_stream or the end of the stream. */
export async function* queueMessages(
  t: GradioTarget,
  sessionHash: string,
  signal?: AbortSignal,
): AsyncGenerator<SseMessage> {
  const { req, res } = request(
    t,
    'GET',
    `/queue/data?session_hash=${encodeURIComponent(sessionHash)}`,
    { accept: 'text/event-stream' },
    signal,
  );
  req.end();
  const r = await res;
  if (r.statusCode !== 200)
    throw new Error(
      `queue/data answered HTTP ${r.statusCode}: ${(await bodyText(r)).slice(0, 200)}`,
    );
  let buf = '';
  try {
    for await (const chunk of r) {
      buf += (chunk as Buffer).toString('utf8');
      let cut: number;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const event = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        const data = event
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (!data) continue;
        const msg = JSON.parse(data) as SseMessage;
        yield msg;
        if (msg.msg === 'close_stream') return;
      }
    }
  } finally {
    r.destroy();
  }
}

/** GET /file=PATH into `dest` (the service's output video). */
export async function downloadFile(
  t: GradioTarget,
  serverPath: string,
  dest: string,
  signal?: AbortSignal,
): Promise<number> {
  const { req, res } = request(t, 'GET', `/file=${encodeURI(serverPath)}`, {}, signal);
  req.end();
  const r = await res;
  if (r.statusCode !== 200)
    throw new Error(
      `file download answered HTTP ${r.statusCode}: ${(await bodyText(r)).slice(0, 200)}`,
    );
  await makePrivateDir(path.dirname(dest));
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(dest, { mode: PRIVATE_FILE_MODE });
    r.pipe(out);
    out.once('finish', resolve);
    out.once('error', reject);
    r.once('error', reject);
  });
  return (await fs.promises.stat(dest)).size;
}

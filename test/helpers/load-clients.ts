// Closed-loop HTTP clients for load runs against the console: each client sends one request, waits for its answer
// (or its own deadline), and sends the next. A 503 with Retry-After is honoured as a browser's SWR retry would be.
// Plain node:http with one keep-alive agent: cheap enough per request that 200 clients fit beside the server.
import { setMaxListeners } from 'node:events';
import http from 'node:http';

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Answer {
  /** HTTP status; 0 when no answer came within the client's deadline or the connection failed. */
  status: number;
  ms: number;
  retryAfterS: number | null;
  body: string;
}

export interface ClientGroup {
  name: string;
  clients: number;
  /** The next call of the client with this index. */
  next(client: number, iteration: number): Call;
  /** Pause between a client's calls (ms); 0 = back to back. */
  pauseMs?: number;
}

export interface GroupSamples {
  name: string;
  answers: Answer[];
}

export function send(
  baseUrl: string,
  agent: http.Agent,
  call: Call,
  timeoutMs: number,
): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const req = http.request(
      new URL(call.path, baseUrl),
      {
        method: call.method,
        agent,
        headers: call.headers,
        signal: deadline,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () =>
          resolve({ status: 0, ms: performance.now() - t0, retryAfterS: null, body: '' }),
        );
        res.on('end', () => {
          const ra = Number(res.headers['retry-after']);
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - t0,
            retryAfterS: Number.isFinite(ra) ? ra : null,
            body,
          });
        });
      },
    );
    req.on('error', () =>
      resolve({ status: 0, ms: performance.now() - t0, retryAfterS: null, body: '' }),
    );
    req.end(call.body);
  });
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs every group's clients for `seconds`; then no client starts another request, and the run ends when every
 * request still open has answered or reached its own deadline (counted either way: a slow answer at the end of the
 * run is a slow answer). Keeps every answer's status and time.
 */
export async function runLoad(
  baseUrl: string,
  groups: ClientGroup[],
  seconds: number,
  timeoutMs: number,
  opts: { stop?: AbortSignal; onAnswer?: (group: string, a: Answer) => void } = {},
): Promise<GroupSamples[]> {
  const total = groups.reduce((n, g) => n + g.clients, 0);
  // fifo: every client's socket stays busy, so none idles past the server's keep-alive timeout and is closed under it.
  const agent = new http.Agent({ keepAlive: true, maxSockets: total + 8, scheduling: 'fifo' });
  const stop = new AbortController();
  setMaxListeners(total + 8, stop.signal); // every pausing client listens on it
  const timer = setTimeout(() => stop.abort(), seconds * 1000);
  opts.stop?.addEventListener('abort', () => stop.abort(), { once: true });
  const client = async (g: ClientGroup, index: number, into: Answer[]): Promise<void> => {
    for (let i = 0; !stop.signal.aborted; i++) {
      const a = await send(baseUrl, agent, g.next(index, i), timeoutMs);
      into.push(a);
      opts.onAnswer?.(g.name, a);
      const wait =
        a.status === 503 && a.retryAfterS !== null ? a.retryAfterS * 1000 : (g.pauseMs ?? 0);
      await pause(wait, stop.signal);
    }
  };
  const results = groups.map((g) => ({ name: g.name, answers: [] as Answer[] }));
  await Promise.all(
    groups.flatMap((g, gi) =>
      Array.from({ length: g.clients }, (_, i) => client(g, i, results[gi]!.answers)),
    ),
  );
  clearTimeout(timer);
  agent.destroy();
  return results;
}

export function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface GroupStats {
  name: string;
  requests: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** Count per HTTP status ("0" = no answer within the client's deadline). */
  byStatus: Record<string, number>;
  /** 503s that came with Retry-After, and the slowest of them. */
  busy503: number;
  busy503MaxMs: number | null;
  /** A few distinct answers other than 200 (status and the start of the body), to say what went wrong. */
  errorSamples: string[];
}

export function statsOf(g: GroupSamples): GroupStats {
  const ms = g.answers.map((a) => a.ms);
  const byStatus: Record<string, number> = {};
  for (const a of g.answers) byStatus[String(a.status)] = (byStatus[String(a.status)] ?? 0) + 1;
  const busy = g.answers.filter((a) => a.status === 503 && a.retryAfterS !== null).map((a) => a.ms);
  const r = (x: number | null) => (x === null ? null : Math.round(x));
  return {
    name: g.name,
    requests: g.answers.length,
    p50Ms: r(percentile(ms, 50)),
    p95Ms: r(percentile(ms, 95)),
    p99Ms: r(percentile(ms, 99)),
    maxMs: r(ms.length ? Math.max(...ms) : null),
    byStatus,
    busy503: busy.length,
    busy503MaxMs: r(busy.length ? Math.max(...busy) : null),
    errorSamples: [
      ...new Set(
        g.answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body.slice(0, 160)}`),
      ),
    ].slice(0, 3),
  };
}

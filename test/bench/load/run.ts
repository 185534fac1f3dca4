// One run of the load benchmark: a fresh console (optionally with docker-modem unpatched), the lab fleet plus the
// sink, N clients for S seconds, then how long until a single fleet read answers in under a second again, and two
// large logs posted to /api/diagnose.
import http from 'node:http';
import { addLabFleet } from '../../helpers/lab-fleet';
import { runLoad, send, statsOf, type Call, type GroupStats } from '../../helpers/load-clients';
import { rssPeakSampler, treeCpuS, treeRssMb } from '../../helpers/process-rss';
import { unpatchedModem } from '../../helpers/unpatched-modem';
import { waitFor } from '../../helpers/wait';
import { consoleWithRoles } from '../../integration/web/session';
import { clientGroups, type Mix } from './scenario';

export interface RunOptions {
  clients: number;
  seconds: number;
  mix: Mix;
  unpatched: boolean;
  /** A request unanswered after this long counts as "no answer" (status 0). */
  timeoutMs: number;
  /** Write a V8 CPU profile of the server here (node --cpu-prof; written when the server exits). */
  cpuProfDir?: string;
  /** Leave out the large logs (e.g. to profile the load alone). */
  skipDiagnose?: boolean;
  log(line: string): void;
}

export interface RunResult {
  variant: 'patched' | 'unpatched';
  mix: Mix;
  clients: number;
  seconds: number;
  groups: GroupStats[];
  fleetP95Ms: number | null;
  hostP95Ms: number | null;
  previewP95Ms: number | null;
  errors5xx: number;
  /** No answer within the client's deadline (or a dropped connection). */
  noAnswer: number;
  errorsByStatus: Record<string, number>;
  rssStartMb: number;
  rssPeakMb: number;
  /** CPU the server used during the load, per answered request (ms): what the latencies cost, whatever else ran. */
  serverCpuMsPerRequest: number;
  /** The server's event-loop delay since the start of the run (from /api/metrics), p99 and max (ms). */
  eventLoopP99Ms: number | null;
  eventLoopMaxMs: number | null;
  /** From the end of the load until a single fleet read answered 200 in under 1 s; null: not within 3 minutes. */
  recoveryMs: number | null;
  diagnose1mMs: number | null;
  diagnose20mMs: number | null;
  diagnoseStatus: number[];
  serverLog: string;
}

const RECOVERY_LIMIT_MS = 180_000;

async function recovery(url: string, call: Call): Promise<number | null> {
  const agent = new http.Agent({ keepAlive: false });
  const t0 = performance.now();
  try {
    return await waitFor(
      'a fleet read under 1 s',
      RECOVERY_LIMIT_MS,
      async () => {
        const a = await send(url, agent, call, 30_000);
        return a.status === 200 && a.ms < 1000 ? Math.round(performance.now() - t0) : null;
      },
      250,
    );
  } catch {
    return null;
  }
}

/** The server's own event-loop delay gauges (its monitor starts with the first metrics read). */
async function eventLoop(
  url: string,
  cookie: string,
): Promise<{ p99: number | null; max: number | null }> {
  const a = await send(
    url,
    new http.Agent({ keepAlive: false }),
    { method: 'GET', path: '/api/metrics', headers: { cookie } },
    30_000,
  );
  const gauge = (q: string) => {
    const m = new RegExp(`^dhc_event_loop_delay_seconds\\{quantile="${q}"\\} (\\S+)$`, 'm').exec(
      a.body,
    );
    return m ? Math.round(Number(m[1]) * 1000) : null;
  };
  return { p99: gauge('0.99'), max: gauge('1') };
}

async function diagnose(
  url: string,
  cookie: string,
  bytes: number,
): Promise<{ ms: number | null; status: number }> {
  const head = 'No space left on device';
  const body = head + 'x'.repeat(bytes - head.length);
  const agent = new http.Agent({ keepAlive: false });
  const a = await send(
    url,
    agent,
    {
      method: 'POST',
      path: '/api/diagnose',
      body,
      headers: { accept: 'application/json', 'content-type': 'text/plain; charset=utf-8', cookie },
    },
    300_000,
  );
  return { ms: a.status === 0 ? null : Math.round(a.ms), status: a.status };
}

function summarise(
  _opts: RunOptions,
  groups: GroupStats[],
): Pick<
  RunResult,
  'fleetP95Ms' | 'hostP95Ms' | 'previewP95Ms' | 'errors5xx' | 'noAnswer' | 'errorsByStatus'
> {
  const byStatus: Record<string, number> = {};
  for (const g of groups)
    for (const [s, n] of Object.entries(g.byStatus))
      if (s !== '200') byStatus[s] = (byStatus[s] ?? 0) + n;
  const p95 = (name: string) => groups.find((g) => g.name === name)?.p95Ms ?? null;
  const errors5xx = Object.entries(byStatus)
    .filter(([s]) => Number(s) >= 500)
    .reduce((n, [, c]) => n + c, 0);
  return {
    fleetP95Ms: p95('fleet'),
    hostP95Ms: p95('host'),
    previewP95Ms: p95('preview'),
    errors5xx,
    noAnswer: byStatus['0'] ?? 0,
    errorsByStatus: byStatus,
  };
}

export async function runOnce(opts: RunOptions): Promise<RunResult> {
  const variant = opts.unpatched ? 'unpatched' : 'patched';
  const um = opts.unpatched ? unpatchedModem() : null;
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const r = await consoleWithRoles({ env: um?.env ?? {}, nodeArgs });
  try {
    if (um && !r.server.logTail(200).includes(um.marker))
      throw new Error(`the unpatched docker-modem is not in use:\n${r.server.logTail()}`);
    opts.log(
      `[${variant}] console on ${r.server.url} (log ${r.server.logFile}); adding the lab fleet and the sink`,
    );
    const fleet = await addLabFleet(r.admin, { sink: true });
    const fleetCall: Call = {
      method: 'GET',
      path: '/api/fleet',
      headers: { accept: 'application/json', cookie: r.viewer.cookieHeader() },
    };
    await send(r.server.url, new http.Agent(), fleetCall, 60_000); // the sink's first handshake deadline, before the clock
    await eventLoop(r.server.url, fleetCall.headers.cookie!); // starts the server's monitor
    const rssStartMb = Math.round(treeRssMb(r.server.pid));
    const rss = rssPeakSampler(r.server.pid);
    const cpu0 = treeCpuS(r.server.pid);
    opts.log(
      `[${variant}] ${opts.clients} clients (${opts.mix}) for ${opts.seconds} s; RSS ${rssStartMb} MB`,
    );
    const samples = await runLoad(
      r.server.url,
      clientGroups(opts.mix, opts.clients, fleet, r),
      opts.seconds,
      opts.timeoutMs,
    );
    const cpuS = treeCpuS(r.server.pid) - cpu0;
    const loop = await eventLoop(r.server.url, fleetCall.headers.cookie!);
    const answered = samples.reduce(
      (n, g) => n + g.answers.filter((a) => a.status !== 0).length,
      0,
    );
    opts.log(`[${variant}] load over; waiting for a fleet read under 1 s`);
    const recoveryMs = await recovery(r.server.url, fleetCall);
    const rssPeakMb = Math.round(rss.stop());
    opts.log(
      `[${variant}] recovery ${recoveryMs ?? 'none'} ms${opts.skipDiagnose ? '' : '; posting the large logs'}`,
    );
    const none = { ms: null, status: 0 };
    const d1 = opts.skipDiagnose
      ? none
      : await diagnose(r.server.url, fleetCall.headers.cookie!, 1 << 20);
    const d20 = opts.skipDiagnose
      ? none
      : await diagnose(r.server.url, fleetCall.headers.cookie!, 20_000_000);
    const groups = samples.map(statsOf);
    return {
      variant,
      mix: opts.mix,
      clients: opts.clients,
      seconds: opts.seconds,
      groups,
      ...summarise(opts, groups),
      rssStartMb,
      rssPeakMb,
      serverCpuMsPerRequest: Math.round((1000 * cpuS * 10) / Math.max(1, answered)) / 10,
      eventLoopP99Ms: loop.p99,
      eventLoopMaxMs: loop.max,
      recoveryMs,
      diagnose1mMs: d1.ms,
      diagnose20mMs: d20.ms,
      diagnoseStatus: [d1.status, d20.status],
      serverLog: r.server.logFile,
    };
  } finally {
    await r.server.stop();
    um?.dispose();
  }
}

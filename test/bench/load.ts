// Load benchmark (a script that prints figures, not a test): N concurrent clients for S seconds against the built
// console with the lab's hosts and the black-holed sink; per call p50/p95/p99, errors by status, the server's RSS
// peak, the time until a single fleet read answers under 1 s again, and two large logs posted to /api/diagnose after
// the load. By default the same run follows with docker-modem unpatched (a temporary copy, nothing in the tree).
//   LAB_ID=... npm run lab:up && npx next build && npm run -s bench:load -- [--clients 200] [--seconds 60]
//     [--mix mixed|fleet|preview] [--variant both|patched|unpatched] [--timeout-ms 30000] [--json] [--cpu-prof DIR]
//     [--skip-diagnose]
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { GroupStats } from '../helpers/load-clients';
import { runOnce, type RunResult } from './load/run';
import type { Mix } from './load/scenario';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    mix: { type: 'string', default: 'mixed' },
    variant: { type: 'string', default: 'both' },
    'timeout-ms': { type: 'string', default: '30000' },
    json: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'skip-diagnose': { type: 'boolean', default: false },
  },
});

const mix = values.mix as Mix;
if (!['mixed', 'fleet', 'preview'].includes(mix))
  throw new Error(`--mix must be mixed, fleet or preview (got ${mix})`);
if (!['both', 'patched', 'unpatched'].includes(values.variant))
  throw new Error('--variant must be both, patched or unpatched');
const variants = values.variant === 'both' ? [false, true] : [values.variant === 'unpatched'];

// --json prints one JSON object and nothing else on stdout; progress goes to stderr.
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const ms = (x: number | null) => (x === null ? '-' : `${x} ms`).padStart(9);

function row(g: GroupStats): string {
  const statuses = Object.entries(g.byStatus)
    .map(([s, n]) => `${s === '0' ? 'no-answer' : s}:${n}`)
    .join(' ');
  return `${g.name.padEnd(8)} n=${String(g.requests).padStart(6)} p50${ms(g.p50Ms)} p95${ms(g.p95Ms)} p99${ms(g.p99Ms)} max${ms(g.maxMs)}  ${statuses}`;
}

function print(res: RunResult): void {
  console.log(
    `== ${res.variant}: ${res.clients} clients (${res.mix}), ${res.seconds} s, ${new Date().toISOString()}`,
  );
  for (const g of res.groups) console.log(row(g));
  for (const g of res.groups) for (const e of g.errorSamples) console.log(`  ${g.name}: ${e}`);
  console.log(
    `5xx ${res.errors5xx}, no answer ${res.noAnswer}; server CPU ${res.serverCpuMsPerRequest} ms per answer; event loop p99 ${res.eventLoopP99Ms} ms, max ${res.eventLoopMaxMs} ms; RSS ${res.rssStartMb} -> peak ${res.rssPeakMb} MB; recovery ${res.recoveryMs ?? 'none within 180 s'} ms`,
  );
  console.log(
    `diagnose 1 MB line ${ms(res.diagnose1mMs).trim()}, 20 MB line ${ms(res.diagnose20mMs).trim()} (HTTP ${res.diagnoseStatus.join(', ')}); server log ${res.serverLog}`,
  );
}

async function main(): Promise<void> {
  const opts = {
    clients: Number(values.clients),
    seconds: Number(values.seconds),
    mix,
    timeoutMs: Number(values['timeout-ms']),
    log,
    cpuProfDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined,
    skipDiagnose: values['skip-diagnose'],
  };
  const results: RunResult[] = [];
  for (const unpatched of variants) {
    const res = await runOnce({ ...opts, unpatched });
    results.push(res);
    if (!values.json) print(res);
  }
  if (values.json) {
    const [first, second] = results as [RunResult, RunResult | undefined];
    console.log(JSON.stringify(second ? { ...first, unpatched: second } : first));
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

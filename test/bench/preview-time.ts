// Preview timing (a script that prints figures, not a timed test): how long "Fix queue blocking" takes to plan on a
// lab container that needs every step, with the parts read at once (what the console does) side by side with the
// parts read one after another (what it did before), and each part alone: where the time goes.
//   npm run lab:up && npm run -s bench:preview -- [--runs 5]
import { parseArgs } from 'node:util';
import type { RemedyId } from '@/lib/diagnosis/remedies';
import { REMEDY_ORDER } from '@/lib/diagnosis/remedies';
import { runbookParams, runbookPlanner } from '@/lib/jobs/runbook';
import { remedyModule } from '@/lib/remedies';
import { remoteContext } from '@/lib/remedies/context';
import { DEFAULT_REMEDY_DEFAULTS } from '@/lib/remedies/settings';
import { createServiceContainer, removeContainer } from '../helpers/lab';
import { labConsole } from '../helpers/remedy';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(values.runs));
const NAME = 'bench-preview-digital-human-service-1';
const PORT = 7932;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { median: at(0.5), max: s.at(-1)!, min: s[0]! };
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const lc = await labConsole();
  try {
    await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
    const target = { hostId: lc.hosts.get('h1')!.id, container: NAME };
    const defaults = DEFAULT_REMEDY_DEFAULTS;
    const params = runbookParams({}, defaults);
    const ctx = () => remoteContext(target);
    // One plan first: the SSH connection is open and the container's files are in the page cache, as they are
    // once the operator has the container page open.
    await runbookPlanner(params, defaults)(ctx());
    const rows: [string, number[]][] = [
      [
        'runbook, parts read at once (now)',
        await timed(() => runbookPlanner(params, defaults)(ctx())),
      ],
      [
        'runbook, parts one after another (before)',
        await timed(() => runbookPlanner(params, defaults, false, { sequential: true })(ctx())),
      ],
    ];
    for (const id of REMEDY_ORDER as readonly RemedyId[])
      rows.push([
        `  ${id} alone`,
        await timed(() => remedyModule(id).prepare(ctx(), params.get(id)!, defaults)),
      ]);
    process.stdout.write(
      `Preview of "Fix queue blocking" on ${NAME} (lab host h1), ${RUNS} runs each\n`,
    );
    process.stdout.write(
      `${'what'.padEnd(44)}${'median'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}\n`,
    );
    for (const [what, xs] of rows) {
      const s = stats(xs);
      process.stdout.write(
        `${what.padEnd(44)}${sec(s.median).padStart(9)}${sec(s.min).padStart(9)}${sec(s.max).padStart(9)}\n`,
      );
    }
  } finally {
    await removeContainer('h1', NAME).catch(() => undefined);
    lc.dispose();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);

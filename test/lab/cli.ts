// `npm run lab:up | lab:down | lab:status [-- --json] | lab:reset` (root). See test/lab/README.md.
import { labConfig } from './config';
import { down, formatStatus, reset, runningConfig, status, up } from './lab';

const log = (s: string) => process.stdout.write(`lab: ${s}\n`);

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const json = rest.includes('--json');
  const print = (s: Awaited<ReturnType<typeof status>>) =>
    process.stdout.write(`${json ? JSON.stringify(s, null, 2) : formatStatus(s)}\n`);
  switch (verb) {
    case 'up':
      print(await up(labConfig(), json ? () => undefined : log));
      return 0;
    case 'down':
      await down(labConfig(), log);
      return 0;
    case 'status':
      print(await status(runningConfig()));
      return 0;
    case 'reset':
      print(await reset(runningConfig(), json ? () => undefined : log));
      return 0;
    default:
      process.stderr.write('usage: tsx test/lab/cli.ts up|down|status [--json]|reset\n');
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

// `dhc VERB ...`: each verb lives in cli/commands/<verb>.ts and exports `run(args: string[]): Promise<number>`.
const verbs: Record<
  string,
  () => Promise<{ run: (args: string[]) => Promise<number>; summary: string }>
> = {
  hosts: () => import('./commands/hosts'),
  fleet: () => import('./commands/fleet'),
  diagnose: () => import('./commands/diagnose'),
  audit: () => import('./commands/audit'),
  probe: () => import('./commands/probe'),
  remedy: () => import('./commands/remedy'),
  runbook: () => import('./commands/runbook'),
  test: () => import('./commands/test'),
  users: () => import('./commands/users'),
};

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const load = verb ? verbs[verb] : undefined;
  if (!load) {
    const lines = await Promise.all(
      Object.entries(verbs).map(async ([name, l]) => `  ${name.padEnd(10)} ${(await l()).summary}`),
    );
    const out = verb && verb !== '--help' && verb !== 'help' ? process.stderr : process.stdout;
    if (verb && verb !== '--help' && verb !== 'help') out.write(`dhc: unknown command '${verb}'\n`);
    out.write(`usage: dhc <command> [options]\n\n${lines.join('\n')}\n`);
    return verb && verb !== '--help' && verb !== 'help' ? 2 : 0;
  }
  return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`dhc: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

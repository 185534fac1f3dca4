import { listAudit, verifyAuditChain } from '@/lib/audit/log';
import { printJson, runCommand, UsageError } from './hosts';

export const summary = 'check the audit log chain, or list recent entries (dhc audit verify|list)';

const USAGE = `usage:
  dhc audit verify [--json]        exit 0 when the hash chain is intact, 1 when an entry was edited or deleted
  dhc audit list [--limit N] [--json]`;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  return runCommand(
    `audit ${sub ?? ''}`.trim(),
    rest,
    { json: { type: 'boolean' }, limit: { type: 'string' } },
    async (v) => {
      if (sub === 'verify') {
        const report = await verifyAuditChain();
        if (v.json) printJson(report);
        else if (report.ok)
          process.stdout.write(`audit log intact: ${report.entries} entries, chain verified\n`);
        else
          process.stderr.write(
            `AUDIT LOG TAMPERED (${report.entries} entries):\n${report.problems.map((p) => `  ${p}`).join('\n')}\n`,
          );
        return report.ok ? 0 : 1;
      }
      if (sub === 'list') {
        const limit = v.limit === undefined ? 50 : Number(v.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw new UsageError('--limit must be 1-1000');
        const entries = await listAudit({ limit });
        if (v.json) printJson({ entries });
        else
          for (const e of entries)
            process.stdout.write(
              `${e.seq} ${e.at} ${e.actor.name}/${e.actor.via}${e.actor.ip ? `@${e.actor.ip}` : ''} ${e.action} ${e.target ?? ''} ${e.result}${e.error ? `: ${e.error}` : ''}\n`,
            );
        return 0;
      }
      throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'a subcommand is required');
    },
    USAGE,
  );
}

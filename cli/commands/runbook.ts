import { previewJob, startJob } from '@/lib/jobs/service';
import { RUNBOOK_NAME } from '@/lib/jobs/runbook';
import { runCommand, UsageError } from './hosts';
import { ACTOR, containerArg, followJob, showPreview } from './job-run';

export const summary = 'preview or run the fix-queue-blocking runbook (dhc runbook --help)';

const USAGE = `usage:
  dhc runbook fix-queue-blocking HOST/CONTAINER [--version V] [--index-url U] [--size 2g] [--compose-file]
      [--batch-size N] [--test] [--yes] [--json]
Runs every remedy of the queue-blocking fix in order (pin-ort, ort-env, session-options, shm, batch-size), skipping
what already holds, restarts the service once, and verifies each. Without --yes only the preview is printed.
--test runs a short throughput test (built-in pair, 3 jobs at once) before the first step and after verification,
and prints both with the before/after verdict.`;

const OPTIONS = {
  version: { type: 'string' },
  'index-url': { type: 'string' },
  size: { type: 'string' },
  'compose-file': { type: 'boolean' },
  'batch-size': { type: 'string' },
  test: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
} as const;

export async function run(args: string[]): Promise<number> {
  return runCommand(
    'runbook',
    args,
    OPTIONS,
    async (v, pos) => {
      const [name, ref, ...extra] = pos;
      if (name !== RUNBOOK_NAME) throw new UsageError(`the runbook is ${RUNBOOK_NAME}`);
      if (extra.length) throw new UsageError('too many arguments');
      const target = await containerArg(ref);
      const params: Record<string, unknown> = {};
      if (v.version !== undefined) params.version = v.version;
      if (v['index-url'] !== undefined) params.indexUrl = v['index-url'];
      if (v.size !== undefined) params.size = v.size;
      if (v['compose-file']) params.composeFile = true;
      if (v['batch-size'] !== undefined) params.batchSize = v['batch-size'];
      if (v.test) params.test = true;
      const req = { ...target, name: RUNBOOK_NAME, params };
      if (!v.yes) return showPreview(await previewJob(ACTOR, req), Boolean(v.json));
      return followJob(() => startJob(ACTOR, req), Boolean(v.json));
    },
    USAGE,
  );
}

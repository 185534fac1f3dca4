import type { ParseArgsConfig } from 'node:util';
import { REMEDY_ORDER } from '@/lib/diagnosis/remedies';
import { ALL_OPTIONS } from '@/lib/remedies/options';
import { previewJob, previewUndo, startJob, startUndo, listJobs } from '@/lib/jobs/service';
import { NotFoundError } from '@/lib/errors';
import { runCommand, UsageError } from './hosts';
import { ACTOR, containerArg, followJob, showPreview } from './job-run';

export const summary = 'preview or run one remedy on a container (dhc remedy --help)';

const USAGE = `usage:
  dhc remedy NAME HOST/CONTAINER [options] [--yes] [--json]
  dhc remedy NAME HOST/CONTAINER --undo [JOB_ID] [--yes] [--json]
NAME and its options:
  pin-ort [--version V] [--index-url U]   ort-env   session-options
  shm [--size 2g] [--compose-file]        batch-size [--batch-size N]   restart
Without --yes only the preview is printed (nothing changes). With --yes the job runs and its output streams; the exit
status is 0 only when the job verified. --undo puts back what the last (or the given) job of this remedy changed.`;

// One flag per remedy option (lib/remedies/options.ts); `--value` is the older name of `--batch-size`.
const OPTIONS = {
  ...Object.fromEntries(
    ALL_OPTIONS.map((o) => [o.flag, { type: o.kind === 'flag' ? 'boolean' : 'string' }]),
  ),
  value: { type: 'string' },
  undo: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/**
 * The params from the flags given (the older `--value` counts as `--batch-size`); a flag of another remedy is passed
 * on, and the remedy refuses it naming the option.
 */
function paramsFromFlags(v: Record<string, unknown>): Record<string, unknown> {
  const given: Record<string, unknown> = { ...v };
  if (given['batch-size'] === undefined && given.value !== undefined)
    given['batch-size'] = given.value;
  const params: Record<string, unknown> = {};
  for (const o of ALL_OPTIONS) {
    const value = given[o.flag];
    if (value === undefined || (o.kind === 'flag' && value !== true)) continue;
    params[o.key] = value;
  }
  return params;
}

export async function run(args: string[]): Promise<number> {
  return runCommand(
    'remedy',
    args,
    OPTIONS,
    async (v, pos) => {
      const [name, ref, jobArg, ...extra] = pos;
      if (!name || !(REMEDY_ORDER as readonly string[]).includes(name))
        throw new UsageError(`NAME must be one of ${REMEDY_ORDER.join(', ')}`);
      if (extra.length > 0 || (jobArg !== undefined && !v.undo))
        throw new UsageError('too many arguments');
      const target = await containerArg(ref);
      const json = Boolean(v.json);
      if (v.undo) {
        let jobId = jobArg;
        if (!jobId) {
          const jobs = await listJobs(ACTOR, {
            hostId: target.hostId,
            container: target.container,
            limit: 200,
          });
          jobId = jobs.find((j) => j.remedy === name && j.undoable)?.id;
          if (!jobId) throw new NotFoundError(`an undoable ${name} job on ${ref}`);
        }
        if (!v.yes) return showPreview(await previewUndo(ACTOR, jobId), json);
        return followJob(() => startUndo(ACTOR, jobId), json);
      }
      const params = paramsFromFlags(v);
      const req = { ...target, name, params };
      if (!v.yes) return showPreview(await previewJob(ACTOR, req), json);
      return followJob(() => startJob(ACTOR, req), json);
    },
    USAGE,
  );
}

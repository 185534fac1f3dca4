import { REMEDY_ORDER } from '@/lib/diagnosis/remedies';
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
  shm [--size 2g] [--compose-file]        batch-size [--value N]   restart
Without --yes only the preview is printed (nothing changes). With --yes the job runs and its output streams; the exit
status is 0 only when the job verified. --undo puts back what the last (or the given) job of this remedy changed.`;

const OPTIONS = {
  version: { type: 'string' },
  'index-url': { type: 'string' },
  size: { type: 'string' },
  'compose-file': { type: 'boolean' },
  value: { type: 'string' },
  undo: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
} as const;

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
      const params: Record<string, unknown> = {};
      if (v.version !== undefined) params.version = v.version;
      if (v['index-url'] !== undefined) params.indexUrl = v['index-url'];
      if (v.size !== undefined) params.size = v.size;
      if (v['compose-file']) params.composeFile = true;
      if (v.value !== undefined) params.value = v.value;
      const req = { ...target, name, params };
      if (!v.yes) return showPreview(await previewJob(ACTOR, req), json);
      return followJob(() => startJob(ACTOR, req), json);
    },
    USAGE,
  );
}

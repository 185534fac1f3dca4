import { CLI_ADMIN } from '@/lib/auth/types';
import { NotFoundError } from '@/lib/errors';
import { getHostByName } from '@/lib/hosts/service';
import { jobBus } from '@/lib/jobs/bus';
import { abortLocal } from '@/lib/jobs/runner';
import type { Launched } from '@/lib/jobs/launch';
import { eventsAfter } from '@/lib/jobs/store';
import type { JobPlan, JobView } from '@/lib/jobs/types';
import { StepProgress } from '../progress';
import { planText, resultText } from './job-print';
import { printJson, UsageError } from './hosts';

// Shared by `dhc remedy` and `dhc runbook`: CONTAINER as host/name, the preview without --yes, the job's live log
// with --yes (Ctrl-C cancels the job, which rolls back), exit status 0 only when the job verified.

export async function containerArg(
  ref: string | undefined,
): Promise<{ hostId: string; container: string }> {
  const m = ref ? /^([^/]+)\/([^/]+)$/.exec(ref) : null;
  if (!m) throw new UsageError('CONTAINER must be given as HOST/NAME');
  const host = await getHostByName(m[1]!);
  if (!host) throw new NotFoundError(`host '${m[1]}'`);
  return { hostId: host.id, container: m[2]! };
}

export function showPreview(plan: JobPlan, json: boolean): number {
  if (json) printJson({ plan });
  else
    process.stdout.write(
      `${planText(plan)}\n\nnothing was changed: run again with --yes to apply\n`,
    );
  return 0;
}

export async function followJob(start: () => Promise<Launched>, json: boolean): Promise<number> {
  const { job, done } = await start();
  if (!json) process.stdout.write(`job ${job.id} started\n`);
  const progress = new StepProgress(job.plan?.steps.length ?? job.stepCount);
  let last = 0;
  let draining: Promise<void> = Promise.resolve();
  const drain = () => {
    draining = draining.then(async () => {
      for (const e of await eventsAfter(job.id, last)) {
        last = e.id;
        if (json || e.type === 'status' || e.type === 'remote') continue;
        if (e.type === 'step') progress.step(e.step ?? 0, e.text, Date.parse(e.at));
        else process.stdout.write(`${e.text}\n`);
      }
    });
  };
  jobBus.on(job.id, drain);
  const onSigint = () => {
    process.stderr.write('cancelling: the job rolls back what it changed...\n');
    abortLocal(job.id);
  };
  process.on('SIGINT', onSigint);
  let final: JobView;
  try {
    final = await done;
  } finally {
    process.off('SIGINT', onSigint);
    jobBus.off(job.id, drain);
  }
  drain();
  await draining;
  const ok = final.status === 'succeeded' || final.status === 'already_applied';
  if (!json) progress.finish(ok, final.finishedAt ? Date.parse(final.finishedAt) : Date.now());
  if (json) printJson({ job: final });
  else process.stdout.write(`${resultText(final)}\n`);
  return ok ? 0 : 1;
}

export const ACTOR = CLI_ADMIN;

import { audited } from '@/lib/auth/audited';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { requireActorRole } from '@/lib/auth/guard';
import type { Actor } from '@/lib/auth/types';
import { REMEDY_ORDER, type RemedyId, remedyTitle } from '@/lib/diagnosis/remedies';
import { text } from '@/lib/i18n/text';
import { remedyModule } from '@/lib/remedies';
import { remoteContext } from '@/lib/remedies/context';
import { getRemedyDefaults } from '@/lib/remedies/settings';
import type { Prepared } from '@/lib/remedies/types';
import { launch, resolveTarget, type Launched, type Planner } from './launch';
import { jobPlan } from './plan';
import { rememberPreview } from './preview-cache';
import { canonical, sharedPreview } from './preview-flight';
import { reconcileJobs } from './reconcile';
import { abortLocal } from './runner';
import { RUNBOOK_NAME, runbookParams, runbookPlanner, runbookTests } from './runbook';
import { getJobRow, listJobRows, requestCancel, toView, undoneBy, type JobFilter } from './store';
import type { JobPlan, JobView } from './types';

// The jobs API that server actions, route handlers and the CLI all call: preview (reads only), start, undo, cancel,
// list. Roles: operators preview and run; viewers read; every start and cancel is audited.

export interface JobRequest {
  hostId: string;
  container: string;
  /** A remedy id, or "fix-queue-blocking". */
  name: string;
  params?: Record<string, unknown>;
}

function remedyId(name: string): RemedyId {
  if ((REMEDY_ORDER as readonly string[]).includes(name)) return name as RemedyId;
  throw new ValidationError([
    { field: 'remedy', message: `must be one of ${[...REMEDY_ORDER, RUNBOOK_NAME].join(', ')}` },
  ]);
}

async function plannerFor(
  req: JobRequest,
): Promise<{ planner: Planner; params: Record<string, unknown>; tests?: boolean }> {
  const defaults = await getRemedyDefaults();
  const raw = req.params ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ValidationError([{ field: 'params', message: 'must be an object' }]);
  if (req.name === RUNBOOK_NAME) {
    const params = runbookParams(raw, defaults);
    const tests = runbookTests(raw);
    return { planner: runbookPlanner(params, defaults, tests), params: raw, tests };
  }
  const remedy = remedyModule(remedyId(req.name));
  const params = remedy.params(raw, defaults);
  return {
    params,
    planner: async (ctx) => {
      const prepared = await remedy.prepare(ctx, params, defaults);
      return jobPlan(remedy.id, remedyTitle(remedy.id), [prepared]);
    },
  };
}

export async function previewJob(actor: Actor, req: JobRequest): Promise<JobPlan> {
  requireActorRole(actor, 'operator');
  const { planner } = await plannerFor(req);
  const key = canonical(['job', req.hostId, req.container, req.name, req.params ?? {}]);
  return sharedPreview(key, { hostId: req.hostId, container: req.container }, async () => {
    const { target } = await resolveTarget(req.hostId, req.container);
    const { plan } = await planner(remoteContext(target));
    rememberPreview(plan);
    return plan;
  });
}

export async function startJob(actor: Actor, req: JobRequest, confirm?: string): Promise<Launched> {
  const where = `${req.hostId}/${req.container}`;
  return audited(
    actor,
    'operator',
    'job.start',
    where,
    { job: req.name, params: req.params ?? {} },
    async () => {
      const { planner, params, tests } = await plannerFor(req);
      // A job left "running" by a killed console must not hold the container: mark it interrupted first.
      await reconcileJobs();
      const resolved = await resolveTarget(req.hostId, req.container);
      return launch({
        actor,
        kind: req.name === RUNBOOK_NAME ? 'runbook' : 'remedy',
        name: req.name,
        resolved,
        params,
        planner,
        confirm,
        tests,
      });
    },
  );
}

async function undoPlanner(jobId: string): Promise<{ job: JobView; planner: Planner }> {
  const row = await getJobRow(jobId);
  if (!row) throw new NotFoundError(`job ${jobId}`);
  const job = toView(row, await undoneBy(jobId));
  if (!job.undoable)
    throw new ConflictError(
      `job ${jobId} cannot be undone (${job.status === 'running' ? 'it is still running' : 'nothing it changed is left to undo'})`,
    );
  const saved = (JSON.parse(row.undo ?? '[]') as { remedy: RemedyId; undo: unknown }[]).filter(
    (u) => u.undo !== null && u.undo !== undefined,
  );
  const defaults = await getRemedyDefaults();
  const planner: Planner = async (ctx) => {
    const parts: Prepared[] = [];
    for (const u of [...saved].reverse())
      parts.push(await remedyModule(u.remedy).prepareUndo(ctx, u.undo));
    if (parts.some((p) => p.plan.needsRestart && p.steps.length > 0)) {
      const restart = remedyModule('restart');
      parts.push(await restart.prepare(ctx, restart.params({}, defaults), defaults));
    }
    return jobPlan(`undo:${job.remedy}`, text('jobNotes.undo.title', { job: job.id }), parts);
  };
  return { job, planner };
}

export async function previewUndo(actor: Actor, jobId: string): Promise<JobPlan> {
  requireActorRole(actor, 'operator');
  const { job, planner } = await undoPlanner(jobId);
  return sharedPreview(
    canonical(['undo', jobId]),
    { hostId: job.hostId, container: job.container },
    async () => {
      const { target } = await resolveTarget(job.hostId, job.container);
      const { plan } = await planner(remoteContext(target));
      rememberPreview(plan);
      return plan;
    },
  );
}

export async function startUndo(actor: Actor, jobId: string, confirm?: string): Promise<Launched> {
  return audited(actor, 'operator', 'job.undo', jobId, { jobId }, async () => {
    const { job, planner } = await undoPlanner(jobId);
    const resolved = await resolveTarget(job.hostId, job.container);
    return launch({
      actor,
      kind: 'undo',
      name: `undo:${job.remedy}`,
      resolved,
      params: { undoOf: jobId },
      planner,
      confirm,
      undoOf: jobId,
    });
  });
}

export async function cancelJob(actor: Actor, jobId: string): Promise<JobView> {
  return audited(actor, 'operator', 'job.cancel', jobId, { jobId }, async () => {
    const row = await getJobRow(jobId);
    if (!row) throw new NotFoundError(`job ${jobId}`);
    if (row.status !== 'running')
      throw new ConflictError(`job ${jobId} is not running (${row.status})`);
    await requestCancel(jobId);
    abortLocal(jobId);
    return toView(row);
  });
}

export async function getJob(actor: Actor, jobId: string): Promise<JobView> {
  requireActorRole(actor, 'viewer');
  await reconcileJobs();
  const row = await getJobRow(jobId);
  if (!row) throw new NotFoundError(`job ${jobId}`);
  return toView(row, await undoneBy(jobId));
}

export async function listJobs(actor: Actor, filter: JobFilter = {}): Promise<JobView[]> {
  requireActorRole(actor, 'viewer');
  await reconcileJobs();
  const rows = await listJobRows(filter);
  return Promise.all(rows.map(async (r) => toView(r, r.undo !== null && (await undoneBy(r.id)))));
}

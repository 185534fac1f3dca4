import { parseStoredPlan } from './stored-plan';
import { randomUUID } from 'node:crypto';
import { getDb, nowIso } from '@/lib/store/db';
import type { Selectable } from 'kysely';
import type { JobsTable as JobsTableDef } from '@/lib/store/schema';
import { jobBus } from './bus';
import { keptOriginalOf } from './kept-original-of';
import type { JobEvent, JobKind, JobPlan, JobResult, JobStatus, JobView } from './types';

type JobsTable = Selectable<JobsTableDef>;

// Persistence of jobs and their live log. A job row exists before its first step runs; every log line is an event
// with a growing id, which is also the server-sent event id a reconnecting browser resumes from.

export interface NewJob {
  kind: JobKind;
  remedy: string;
  hostId: string;
  hostName: string;
  container: string;
  params: Record<string, unknown>;
  plan: JobPlan;
  undo: unknown;
  undoOf: string | null;
  owner: string;
  actor: { id: string | null; name: string; via: string };
}

export const newJobId = (): string =>
  `j-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`;

export async function insertJob(id: string, j: NewJob): Promise<void> {
  await getDb()
    .insertInto('jobs')
    .values({
      id,
      kind: j.kind,
      remedy: j.remedy,
      host_id: j.hostId,
      host_name: j.hostName,
      container: j.container,
      params: JSON.stringify(j.params),
      plan: JSON.stringify(j.plan),
      status: 'running',
      step_count: j.plan.steps.length,
      steps_done: 0,
      result: null,
      error: null,
      undo: j.undo === null || j.undo === undefined ? null : JSON.stringify(j.undo),
      undo_of: j.undoOf,
      lock_token: null,
      owner: j.owner,
      actor_id: j.actor.id,
      actor_name: j.actor.name,
      via: j.actor.via,
      created_at: nowIso(),
      finished_at: null,
    })
    .execute();
}

export async function setLockToken(id: string, token: number): Promise<void> {
  await getDb().updateTable('jobs').set({ lock_token: token }).where('id', '=', id).execute();
}

export async function setStepsDone(id: string, n: number): Promise<void> {
  await getDb().updateTable('jobs').set({ steps_done: n }).where('id', '=', id).execute();
}

export async function finishJob(
  id: string,
  status: JobStatus,
  result: JobResult | null,
  error: string | null,
): Promise<void> {
  await getDb()
    .updateTable('jobs')
    .set({ status, result: result ? JSON.stringify(result) : null, error, finished_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
  await appendEvent(id, 'status', null, status);
}

export async function appendEvent(
  jobId: string,
  type: JobEvent['type'],
  step: number | null,
  text: string,
): Promise<void> {
  await getDb()
    .insertInto('job_events')
    .values({ job_id: jobId, at: nowIso(), type, step, text })
    .execute();
  jobBus.emit(jobId);
}

export async function eventsAfter(
  jobId: string,
  afterId: number,
  limit = 500,
): Promise<JobEvent[]> {
  const rows = await getDb()
    .selectFrom('job_events')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    type: r.type as JobEvent['type'],
    step: r.step,
    text: r.text,
  }));
}

export async function getJobRow(id: string): Promise<JobsTable | undefined> {
  return getDb().selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function undoneBy(id: string): Promise<boolean> {
  const r = await getDb()
    .selectFrom('jobs')
    .select('id')
    .where('undo_of', '=', id)
    .where('status', '=', 'succeeded')
    .executeTakeFirst();
  return r !== undefined;
}

export type JobRow = JobsTable;

/** Some part saved what its undo needs (a restart saves nothing: there is nothing to undo). */
function savedUndo(undo: string | null): boolean {
  return (
    undo !== null &&
    (JSON.parse(undo) as { undo: unknown }[]).some((p) => p.undo !== null && p.undo !== undefined)
  );
}

export function toView(r: JobsTable, undone = false): JobView {
  const finished = r.status !== 'running';
  const result = r.result ? (JSON.parse(r.result) as JobResult) : null;
  return {
    id: r.id,
    kind: r.kind as JobKind,
    remedy: r.remedy,
    hostId: r.host_id,
    hostName: r.host_name,
    container: r.container,
    params: JSON.parse(r.params) as Record<string, unknown>,
    plan: r.plan ? parseStoredPlan(r.plan) : null,
    status: r.status as JobStatus,
    stepCount: r.step_count,
    stepsDone: r.steps_done,
    result,
    error: r.error,
    // Nothing to undo when no step ran or the failure was rolled back already.
    undoable:
      finished &&
      r.kind !== 'undo' &&
      savedUndo(r.undo) &&
      r.steps_done > 0 &&
      result?.rolledBack !== true &&
      !undone &&
      !result?.discardedOriginal,
    keptOriginal:
      finished && r.steps_done > 0 && result?.rolledBack !== true && !undone
        ? keptOriginalOf(r)
        : null,
    undoOf: r.undo_of,
    actor: { id: r.actor_id, name: r.actor_name, via: r.via },
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export interface JobFilter {
  hostId?: string;
  container?: string;
  actor?: string;
  status?: JobStatus;
  before?: string;
  limit?: number;
}

export async function listJobRows(f: JobFilter): Promise<JobsTable[]> {
  let q = getDb().selectFrom('jobs').selectAll();
  if (f.hostId) q = q.where('host_id', '=', f.hostId);
  if (f.container) q = q.where('container', '=', f.container);
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.before) q = q.where('created_at', '<', f.before);
  return q
    .orderBy('created_at', 'desc')
    .limit(Math.min(f.limit ?? 50, 200))
    .execute();
}

export async function runningJobRows(): Promise<JobsTable[]> {
  return getDb().selectFrom('jobs').selectAll().where('status', '=', 'running').execute();
}

export async function requestCancel(id: string): Promise<boolean> {
  const r = await getDb()
    .updateTable('jobs')
    .set({ cancel_requested: 1 })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function cancelRequested(id: string): Promise<boolean> {
  const r = await getDb()
    .selectFrom('jobs')
    .select('cancel_requested')
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.cancel_requested === 1;
}

export async function markInterrupted(id: string, error: string): Promise<boolean> {
  const r = await getDb()
    .updateTable('jobs')
    .set({ status: 'interrupted', error, finished_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

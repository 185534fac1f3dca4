import { randomUUID } from 'node:crypto';
import { audited } from '@/lib/auth/audited';
import { ValidationError } from '@/lib/errors';
import { actorName } from '@/lib/audit/actor';
import { requireActorRole } from '@/lib/auth/guard';
import type { Actor } from '@/lib/auth/types';
import { getDb, nowIso } from '@/lib/store/db';
import { thisOwner } from './owner';
import { startJob, type JobRequest } from './service';
import type { JobStatus } from './types';

// A remedy or the runbook on many containers: one canary first, then waves of at most `parallel` jobs; no new wave
// starts after a failure. Each container's job is an ordinary job (own lock, audit, activity entry).

export interface BatchTarget {
  hostId: string;
  container: string;
}

export interface BatchEntry extends BatchTarget {
  jobId: string | null;
  status: JobStatus | 'skipped' | 'refused';
  error: string | null;
}

export interface BatchSummary {
  entries: BatchEntry[];
  succeeded: number;
  failed: number;
  skipped: number;
}

export interface BatchView {
  id: string;
  name: string;
  status: 'running' | 'succeeded' | 'stopped' | 'interrupted';
  parallel: number;
  summary: BatchSummary;
  createdAt: string;
  finishedAt: string | null;
  actor: string;
}

const OK: readonly string[] = ['succeeded', 'already_applied'];

function summarize(entries: BatchEntry[]): BatchSummary {
  return {
    entries,
    succeeded: entries.filter((e) => OK.includes(e.status)).length,
    failed: entries.filter(
      (e) => !OK.includes(e.status) && e.status !== 'skipped' && e.status !== 'running',
    ).length,
    skipped: entries.filter((e) => e.status === 'skipped').length,
  };
}

export async function startBatch(
  actor: Actor,
  input: {
    name: string;
    params?: Record<string, unknown>;
    targets: BatchTarget[];
    parallel?: number;
  },
): Promise<{ batch: BatchView; done: Promise<BatchView> }> {
  requireActorRole(actor, 'operator');
  const parallel = input.parallel ?? 3;
  const issues: { field: string; message: string }[] = [];
  if (!Array.isArray(input.targets) || input.targets.length === 0 || input.targets.length > 500)
    issues.push({ field: 'targets', message: 'must list 1 to 500 containers' });
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 20)
    issues.push({ field: 'parallel', message: 'must be a whole number from 1 to 20' });
  const keys = new Set((input.targets ?? []).map((t) => `${t.hostId}/${t.container}`));
  if (keys.size !== (input.targets ?? []).length)
    issues.push({ field: 'targets', message: 'must not list a container twice' });
  if (issues.length) throw new ValidationError(issues);
  const id = `b-${randomUUID().slice(0, 8)}`;
  const entries: BatchEntry[] = input.targets.map((t) => ({
    hostId: t.hostId,
    container: t.container,
    jobId: null,
    status: 'skipped',
    error: null,
  }));
  await audited(
    actor,
    'operator',
    'job.batch',
    input.name,
    { id, targets: input.targets, parallel, params: input.params ?? {} },
    async () => {
      await getDb()
        .insertInto('job_batches')
        .values({
          id,
          name: input.name,
          params: JSON.stringify(input.params ?? {}),
          targets: JSON.stringify(input.targets),
          parallel,
          status: 'running',
          summary: JSON.stringify(summarize(entries)),
          owner: thisOwner(),
          actor_name: actorName(actor),
          created_at: nowIso(),
          finished_at: null,
        })
        .execute();
    },
  );
  const save = (status: BatchView['status'], finished = false) =>
    getDb()
      .updateTable('job_batches')
      .set({
        status,
        summary: JSON.stringify(summarize(entries)),
        ...(finished ? { finished_at: nowIso() } : {}),
      })
      .where('id', '=', id)
      .execute();

  const runOne = async (i: number): Promise<boolean> => {
    const e = entries[i]!;
    e.status = 'running';
    await save('running');
    try {
      const req: JobRequest = {
        hostId: e.hostId,
        container: e.container,
        name: input.name,
        params: input.params,
      };
      const { job, done } = await startJob(actor, req);
      e.jobId = job.id;
      await save('running');
      const final = await done;
      e.status = final.status;
      e.error = final.error;
    } catch (err) {
      e.status = 'refused';
      e.error = err instanceof Error ? err.message : String(err);
    }
    await save('running');
    return OK.includes(e.status);
  };

  const done = (async (): Promise<BatchView> => {
    let ok = await runOne(0);
    for (let start = 1; ok && start < entries.length; start += parallel) {
      const wave = entries.slice(start, start + parallel).map((_, k) => runOne(start + k));
      ok = (await Promise.all(wave)).every(Boolean);
    }
    await save(ok ? 'succeeded' : 'stopped', true);
    return (await getBatch(actor, id))!;
  })();
  done.catch(() => undefined);
  return { batch: (await getBatch(actor, id))!, done };
}

export async function getBatch(actor: Actor, id: string): Promise<BatchView | null> {
  requireActorRole(actor, 'viewer');
  const r = await getDb()
    .selectFrom('job_batches')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    status: r.status as BatchView['status'],
    parallel: r.parallel,
    summary: JSON.parse(r.summary) as BatchSummary,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    actor: r.actor_name,
  };
}

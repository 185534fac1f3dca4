import { renderText } from '@/lib/i18n/text';
import { parseStoredPlan } from './stored-plan';
import { recordAudit } from '@/lib/audit/log';
import { getDb } from '@/lib/store/db';
import { checkOnHostLater } from './host-check';
import { releaseLock } from '@/lib/locks/container-lock';
import { ownerAlive } from './owner';
import { restoreHint } from './restore-hint';
import { appendEvent, markInterrupted, runningJobRows } from './store';

// A job still "running" whose process is gone (console killed or restarted) or whose lock lapsed is marked
// interrupted, with the last completed step and how to finish or undo it; its lock is released (after the host
// check, when a step ran durably and may still run). Then the host is checked for what really became of it
// (lib/jobs/host-check.ts). Runs at start-up and before jobs are listed, so no job stays "running" forever.

export async function reconcileJobs(now = Date.now()): Promise<string[]> {
  const done: string[] = [];
  for (const row of await runningJobRows()) {
    const lock = await getDb()
      .selectFrom('container_locks')
      .selectAll()
      .where('host_id', '=', row.host_id)
      .where('container', '=', row.container)
      .executeTakeFirst();
    const lapsed = !lock || lock.job_id !== row.id || lock.expires_at < now;
    if (ownerAlive(row.owner) && !lapsed) continue;
    const plan = row.plan ? parseStoredPlan(row.plan) : null;
    // A step may have been under way: what it did is unknown, so nothing is claimed to be unchanged.
    const lastStep = await getDb()
      .selectFrom('job_events')
      .select('step')
      .where('job_id', '=', row.id)
      .where('type', '=', 'step')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const inFlight =
      lastStep?.step !== undefined && lastStep.step !== null && lastStep.step >= row.steps_done
        ? plan?.steps[lastStep.step]
        : undefined;
    const hint = plan ? restoreHint(plan, row.steps_done, false, [], inFlight?.title) : null;
    const msg =
      `interrupted: the console process running it stopped after ${row.steps_done} of ${row.step_count} steps. ${renderText(hint, 'en')}`.trim();
    if (!(await markInterrupted(row.id, msg))) continue;
    await getDb()
      .updateTable('jobs')
      .set({ result: JSON.stringify({ verifications: [], rolledBack: false, restoreHint: hint }) })
      .where('id', '=', row.id)
      .execute();
    await appendEvent(row.id, 'status', null, 'interrupted');
    // A step that ran durably may still be running on the host: the host check keeps the lock until it has ended.
    const durable = await getDb()
      .selectFrom('job_events')
      .select('id')
      .where('job_id', '=', row.id)
      .where('type', '=', 'remote')
      .where('step', '>=', row.steps_done)
      .limit(1)
      .executeTakeFirst();
    const held =
      row.lock_token === null ? null : { jobId: row.id, token: row.lock_token, expiresAt: 0 };
    if (held && !durable) await releaseLock(row.host_id, row.container, held);
    checkOnHostLater(row.id, durable ? held : null);
    await recordAudit({
      actor: { user: null, via: row.via === 'cli' ? 'cli' : 'web' },
      action: 'job.interrupted',
      target: `${row.host_id}/${row.container}`,
      args: { jobId: row.id },
      result: 'error',
      error: msg,
    }).catch(() => undefined);
    done.push(row.id);
  }
  // A batch whose process is gone starts no more waves: say so (its jobs were reconciled above).
  const batches = await getDb()
    .selectFrom('job_batches')
    .select(['id', 'owner'])
    .where('status', '=', 'running')
    .execute();
  for (const b of batches) {
    if (!ownerAlive(b.owner))
      await getDb()
        .updateTable('job_batches')
        .set({ status: 'interrupted', finished_at: new Date(now).toISOString() })
        .where('id', '=', b.id)
        .execute();
  }
  return done;
}

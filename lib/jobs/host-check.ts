import { parseStoredPlan } from './stored-plan';
import { remote, type DurableHandle, type DurableState } from '@/lib/remote';
import { remedyModule } from '@/lib/remedies';
import { remoteContext } from '@/lib/remedies/context';
import { errorText } from '@/lib/remedies/run-steps';
import { getRemedyDefaults } from '@/lib/remedies/settings';
import { type Readable, renderText, type Text, text } from '@/lib/i18n/text';
import { getDb } from '@/lib/store/db';
import { releaseLock, renewLock, type LockHolder } from '@/lib/locks/container-lock';
import { serviceNow } from './service-now';
import { composed, listOf, sentences } from './job-text';
import { restoreHint } from './restore-hint';
import { appendEvent, getJobRow, setStepsDone } from './store';
import type { HostCheck, JobPlan, JobResult } from './types';

// A job whose console process died mid-step is reconciled from the host's real state, not from what the console
// last knew: the step under way (when it ran durably) is read back from its status file on the host — waited for
// while it still runs, with the container kept locked — and every part's state is read again by its own remedy.
// What was found goes to the job's log, its result (hostCheck) and the start of its restore hint.

const checking = new Set<string>();
const POLL_MS = 2_000;

/** Starts the check in the background, once per job in this process; its outcome is stored with the job. */
export function checkOnHostLater(jobId: string, lock: LockHolder | null): void {
  if (checking.has(jobId)) return;
  checking.add(jobId);
  void checkInterruptedOnHost(jobId, lock).catch(() => undefined);
}

/**
 * Jobs interrupted in the last day whose host check never finished (the process that reconciled them, e.g. a short
 * `dhc` command, exited first): the web server checks them once at start.
 */
export async function checkUncheckedInterrupted(now = Date.now()): Promise<void> {
  const since = new Date(now - 24 * 3600_000).toISOString();
  const rows = await getDb()
    .selectFrom('jobs')
    .select(['id', 'result'])
    .where('status', '=', 'interrupted')
    .where('finished_at', '>=', since)
    .execute();
  for (const r of rows) if (!r.result?.includes('"hostCheck"')) checkOnHostLater(r.id, null);
}

async function inFlight(
  jobId: string,
  stepsDone: number,
): Promise<{ index: number; at: string; h: DurableHandle } | null> {
  const e = await getDb()
    .selectFrom('job_events')
    .select(['step', 'at', 'text'])
    .where('job_id', '=', jobId)
    .where('type', '=', 'remote')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!e || e.step === null || e.step < stepsDone) return null;
  return { index: e.step, at: e.at, h: JSON.parse(e.text) as DurableHandle };
}

function outcomeText(s: DurableState): Text {
  switch (s.state) {
    case 'exited': {
      if (s.code === 0) return text('jobNotes.hostCheck.exited');
      const said = s.stderrTail?.trim().split('\n').at(-1);
      return said
        ? text('jobNotes.hostCheck.failedSaid', { code: s.code, stderr: said })
        : text('jobNotes.hostCheck.failed', { code: s.code });
    }
    case 'gone':
      return text('jobNotes.hostCheck.gone', { why: s.why });
    case 'not_started':
      return text('jobNotes.hostCheck.notStarted');
    case 'running':
      return text('jobNotes.hostCheck.stopped');
  }
}

export async function checkInterruptedOnHost(
  jobId: string,
  lock: LockHolder | null,
): Promise<HostCheck | null> {
  const row = await getJobRow(jobId);
  if (row?.status !== 'interrupted' || !row.plan) return null;
  const plan = parseStoredPlan(row.plan);
  const target = { hostId: row.host_id, container: row.container };
  const log = (line: string) => appendEvent(jobId, 'log', null, line);
  // Held while the step may still run, so that no other job starts on the container under it.
  const held = lock && (await renewLock(target.hostId, target.container, lock)) ? lock : null;
  const beat = held
    ? setInterval(
        () => void renewLock(target.hostId, target.container, held).catch(() => undefined),
        POLL_MS,
      )
    : undefined;
  const check: HostCheck = { at: new Date().toISOString(), step: null, parts: [] };
  try {
    const f = await inFlight(jobId, row.steps_done);
    if (f) {
      const step = plan.steps[f.index]!;
      let s = await remote.durableState(target.hostId, f.h);
      if (s.state === 'running') {
        await log(
          `on the host: step ${f.index + 1} ("${renderText(step.title, 'en')}") still runs; waiting for its end`,
        );
        const until = Date.parse(f.at) + step.timeoutMs;
        while (s.state === 'running' && Date.now() < until) {
          await new Promise((r) => setTimeout(r, POLL_MS));
          s = await remote.durableState(target.hostId, f.h).catch(() => s);
        }
        if (s.state === 'running') await remote.stopDurable(target.hostId, f.h);
      }
      const outcome = outcomeText(s);
      // A rollback's command tells how the rollback went, not whether the step itself completed.
      const said = f.h.rollback
        ? text('jobNotes.hostCheck.rollingBack', { outcome: { text: outcome } })
        : outcome;
      check.step = {
        index: f.index,
        title: step.title,
        state: s.state,
        code: s.state === 'exited' && !f.h.rollback ? s.code : undefined,
        outcome: said,
      };
      if (s.state === 'exited' && s.code === 0 && !f.h.rollback)
        await setStepsDone(jobId, f.index + 1);
      await log(
        `on the host: step ${f.index + 1} ("${renderText(step.title, 'en')}") ${renderText(said, 'en')}`,
      );
      await remote
        .execInContainer(target.hostId, target.container, ['rm', '-rf', '--', f.h.dir], {
          timeoutMs: 20_000,
        })
        .catch(() => undefined);
    }
    const ctx = remoteContext(target);
    const defaults = await getRemedyDefaults();
    for (const part of plan.parts.filter((p) => p.mode === 'apply')) {
      try {
        const now = await remedyModule(part.remedy).prepare(ctx, part.params, defaults);
        check.parts.push({
          remedy: part.remedy,
          current: now.plan.current,
          applied: now.plan.alreadyApplied,
        });
      } catch (e) {
        check.parts.push({
          remedy: part.remedy,
          current: text('jobNotes.hostCheck.couldNotRead', { error: errorText(e) }),
          applied: false,
        });
      }
      const p = check.parts.at(-1)!;
      await log(
        `now: ${p.remedy}: ${renderText(p.current, 'en')}${p.applied ? ' (the change holds)' : ''}`,
      );
    }
    check.service = await serviceNow(ctx);
    await log(`now: ${renderText(check.service.text, 'en')}`);
  } catch (e) {
    check.error = errorText(e);
    await log(`could not check the host: ${check.error}`);
  } finally {
    clearInterval(beat);
  }
  await store(jobId, plan, check);
  if (held) await releaseLock(target.hostId, target.container, held);
  return check;
}

async function store(jobId: string, plan: JobPlan, check: HostCheck): Promise<void> {
  const row = await getJobRow(jobId);
  if (!row) return;
  const result: JobResult = row.result
    ? (JSON.parse(row.result) as JobResult)
    : { verifications: [] };
  // The hint is written again from what the host showed: a step that finished there counts as done.
  const unknown = check.step && check.step.state !== 'not_started' && check.step.code !== 0;
  const hint = restoreHint(
    plan,
    row.steps_done,
    false,
    [],
    unknown ? check.step!.title : undefined,
  );
  const found = hostCheckText(check);
  result.restoreHint = sentences(found, hint)!;
  await getDb()
    .updateTable('jobs')
    .set({ result: JSON.stringify({ ...result, hostCheck: check }) })
    .where('id', '=', jobId)
    .execute();
}

/** One sentence of what the host showed, for the top of the restore hint. */
export function hostCheckText(c: HostCheck): Readable | null {
  if (c.error) return text('jobNotes.hostCheck.notChecked', { error: c.error });
  const s = c.step;
  const step = s
    ? composed((p) =>
        text('jobNotes.hostCheck.step', {
          step: s.index + 1,
          title: p(s.title),
          outcome: p(s.outcome),
        }),
      )
    : null;
  const parts = c.parts.map((part) =>
    composed((p) =>
      text(part.applied ? 'jobNotes.hostCheck.partHolds' : 'jobNotes.hostCheck.part', {
        remedy: part.remedy,
        current: p(part.current),
      }),
    ),
  );
  const now = parts.length
    ? composed((p) => text('jobNotes.hostCheck.now', { parts: p(listOf(parts)) }))
    : null;
  return sentences(step, now, c.service?.text);
}

import { recordAudit } from '@/lib/audit/log';
import { renderText, text } from '@/lib/i18n/text';
import type { Actor } from '@/lib/auth/types';
import { remoteContext } from '@/lib/remedies/context';
import { RemoteError } from '@/lib/remote';
import { errorText, runSteps, StepTimeoutError } from '@/lib/remedies/run-steps';
import type { Plan, RemedyContext, RunnableStep, Target } from '@/lib/remedies/types';
import { renewLock, releaseLock, type LockHolder } from '@/lib/locks/container-lock';
import { sentences } from './job-text';
import { restoreHint, verifyFailedHint } from './restore-hint';
import { JobEventLog } from './event-log';
import { untilStored } from './until-stored';
import { cancelRequested, finishJob, getJobRow, setStepsDone, toView } from './store';
import type { JobPlan, JobResult, JobStatus, JobView } from './types';
import { remedyModule } from '@/lib/remedies';
import { actorName } from '@/lib/audit/actor';
import { runJobTest, testsVerdict, type JobTests } from './job-tests';
import { serviceNow } from './service-now';
import type { RunView } from '@/lib/throughput/runs';

// Runs one job that holds its container's lock: heartbeat (renews the lock, sees cancels from any process), steps
// with fencing and rollback, verification of every part, then the result, the audit entry and the lock release.

const HEARTBEAT_MS = 5_000;
const VERIFY_TIMEOUT_MS = 180_000;

export class CancelledError extends Error {
  constructor() {
    super('cancelled by an operator');
    this.name = 'CancelledError';
  }
}

class FenceLostError extends Error {
  constructor() {
    super(
      'this job lost its lock on the container (it expired and another job took it); stopped before the next step',
    );
    this.name = 'FenceLostError';
  }
}

const running = new Map<string, AbortController>();

/** Cancels a job running in this process; false when it runs elsewhere (the store flag reaches it then). */
export function abortLocal(jobId: string): boolean {
  const c = running.get(jobId);
  if (!c) return false;
  c.abort(new CancelledError());
  return true;
}

export interface RunInput {
  jobId: string;
  actor: Actor;
  target: Target;
  plan: JobPlan;
  steps: RunnableStep[];
  lock: LockHolder;
  /** Job-level deadline (sum of the step timeouts plus verification, plus the tests). */
  timeoutMs: number;
  /** Run a short throughput test before the first step and after verification. */
  tests?: boolean;
}

interface Ending {
  status: JobStatus;
  result: JobResult;
  error: string | null;
}

type StepsOutcome = Awaited<ReturnType<typeof runSteps>>;

/** Every step ran: verify each part, then (if asked) the test after, compared with the one before. */
async function afterSteps(
  ctx: RemedyContext,
  input: RunInput,
  tests: JobTests | undefined,
  before: RunView | undefined,
  testInput: Parameters<typeof runJobTest>[1],
): Promise<Ending> {
  const result = await verifyAll(ctx, input.plan.parts);
  const verified = result.verifications.every((v) => v.ok);
  const status: JobStatus = !verified
    ? 'failed'
    : input.steps.length === 0
      ? 'already_applied'
      : 'succeeded';
  let error: string | null = null;
  if (!verified) {
    const failed = result.verifications.filter((v) => !v.ok);
    error = `verification failed: ${failed.map((v) => renderText(v.detail, 'en')).join('; ')}`;
    result.restoreHint = verifyFailedHint(input.plan);
  }
  if (tests && verified) {
    await runJobTest('after', testInput).then(
      (r) => ((tests.after = r.run), (tests.verdict = testsVerdict(before, r.view))),
      (e) => ctx.log(`test after could not run: ${errorText(e)}`),
    );
    if (tests.verdict) ctx.log(`before/after: ${renderText(tests.verdict, 'en')}`);
  }
  return { status, result, error };
}

/** A step failed, timed out or was cancelled: what was rolled back, and how to restore the rest. */
function stoppedSteps(plan: JobPlan, outcome: Extract<StepsOutcome, { ok: false }>): Ending {
  const reason = outcome.error;
  // A remote command stopped at its own deadline is a timeout too, not a failure of what it ran.
  const timedOut =
    reason instanceof StepTimeoutError ||
    (reason instanceof RemoteError && reason.kind === 'timeout');
  const status = reason instanceof CancelledError ? 'cancelled' : timedOut ? 'timed_out' : 'failed';
  const rollbackErrors = outcome.rollbackErrors.map((r) => errorText(r.error));
  return {
    status,
    error: errorText(reason),
    result: {
      verifications: [],
      rolledBack: outcome.rolledBack,
      restoreHint: restoreHint(plan, outcome.completed, outcome.rolledBack, rollbackErrors),
    },
  };
}

/** The job's end on record: its log, its status and result, the lock given back, the audit entry. */
async function record(input: RunInput, events: JobEventLog, end: Ending): Promise<JobView> {
  const { jobId, target, plan, lock } = input;
  await events.drain();
  await untilStored(`the end of job ${jobId}`, () =>
    finishJob(jobId, end.status, end.result, end.error),
  );
  await untilStored(`the lock release of job ${jobId}`, () =>
    releaseLock(target.hostId, target.container, lock),
  );
  const ok = end.status === 'succeeded' || end.status === 'already_applied';
  await untilStored(`the audit entry of job ${jobId}`, () =>
    recordAudit({
      actor: input.actor,
      action: 'job.finish',
      target: `${target.hostId}/${target.container}`,
      args: { jobId, job: plan.name, status: end.status },
      result: ok ? 'ok' : 'error',
      error: end.error ?? undefined,
    }),
  );
  return toView((await getJobRow(jobId))!);
}

export async function runJob(input: RunInput): Promise<JobView> {
  const { jobId, target, plan, lock } = input;
  const ctl = new AbortController();
  running.set(jobId, ctl);
  const whole = { title: text('jobNotes.runner.wholeJob'), timeoutMs: input.timeoutMs };
  const deadline = setTimeout(
    () => ctl.abort(new StepTimeoutError(whole as RunnableStep)),
    input.timeoutMs,
  );
  // Events are written in order but without blocking the steps: the log keeps up with fast output, and lines that
  // cannot be stored yet (disk full) are kept and stored later, in order.
  const events = new JobEventLog(jobId);
  let currentStep: number | null = null;
  const log = (line: string) => void events.add('log', currentStep, line);
  let fenceLost = false;
  const beat = setInterval(() => {
    void (async () => {
      if (!(await renewLock(target.hostId, target.container, lock))) fenceLost = true;
      if (await cancelRequested(jobId)) ctl.abort(new CancelledError());
    })().catch(() => undefined);
  }, HEARTBEAT_MS);
  // Stored at once, in order with the log: a console killed mid-step leaves the reconciler the handle to read back.
  const onDurable = (h: unknown) => events.add('remote', currentStep, JSON.stringify(h));
  const ctx = remoteContext(target, { signal: ctl.signal, log, onDurable });
  let end: Ending = { status: 'failed', result: { verifications: [] }, error: null };
  const tests: JobTests | undefined = input.tests ? {} : undefined;
  let beforeRun: RunView | undefined;
  const testInput = { jobId, target, actor: actorName(input.actor), signal: ctl.signal, log };
  try {
    if (tests) {
      // What the test finds is a measurement; only a test that could not run at all is told, and the job goes on.
      await runJobTest('before', testInput).then(
        (r) => ((tests.before = r.run), (beforeRun = r.view)),
        (e) => log(`test before could not run: ${errorText(e)}`),
      );
    }
    const outcome = await runSteps(ctx, input.steps, {
      before: async (i) => {
        if (fenceLost || !(await renewLock(target.hostId, target.container, lock)))
          throw new FenceLostError();
        currentStep = i;
        // A step whose start cannot be recorded does not run: a job must never act without a trace.
        await events.add('step', i, renderText(plan.steps[i]!.title, 'en'));
        if (events.unwritten > 0)
          throw new Error(
            `cannot store the job's log (${events.lastError ?? 'unknown'}): stopped before the step`,
          );
      },
      after: (i) => setStepsDone(jobId, i + 1),
    });
    currentStep = null;
    end = outcome.ok
      ? await afterSteps(ctx, input, tests, beforeRun, testInput)
      : stoppedSteps(plan, outcome);
  } catch (e) {
    end.error = errorText(e);
  } finally {
    clearInterval(beat);
    clearTimeout(deadline);
    running.delete(jobId);
  }
  if (tests) end.result.tests = tests;
  if (end.status !== 'succeeded' && end.status !== 'already_applied') {
    // The first thing an operator asks after a failure; a rollback may have left it down (e.g. a container restarted
    // by someone else while ORT was uninstalled).
    const service = await serviceNow(ctx.detached());
    end.result.service = service;
    log(`service: ${renderText(service.text, 'en')}`);
    if (service.state !== 'answering')
      end.result.restoreHint = sentences(end.result.restoreHint, service.text)!;
  }
  return record(input, events, end);
}

async function verifyAll(ctx: RemedyContext, parts: Plan[]): Promise<JobResult> {
  const verifications: JobResult['verifications'] = [];
  const vctx = ctx.withSignal(
    AbortSignal.any([ctx.signal, AbortSignal.timeout(VERIFY_TIMEOUT_MS)]),
  );
  for (const part of parts) {
    if (part.alreadyApplied && part.steps.length === 0 && part.mode === 'apply') {
      verifications.push({
        remedy: part.remedy,
        ok: true,
        detail: text('jobNotes.runner.alreadyApplied'),
      });
      continue;
    }
    try {
      const v = await remedyModule(part.remedy).verify(vctx, part);
      verifications.push({ remedy: part.remedy, ...v });
    } catch (e) {
      verifications.push({
        remedy: part.remedy,
        ok: false,
        detail: text('jobNotes.runner.couldNotVerify', { error: errorText(e) }),
      });
    }
    ctx.log(
      `${verifications.at(-1)!.ok ? '✓' : '✗'} ${part.remedy}: ${renderText(verifications.at(-1)!.detail, 'en')}`,
    );
  }
  return { verifications };
}

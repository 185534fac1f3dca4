import { renderText } from '@/lib/i18n/text';
import { isTransient, RemoteError } from '@/lib/remote/errors';
import type { RemedyContext, RunnableStep } from './types';

// Runs prepared steps in order, each under its own timeout. When one fails (or times out, or the job is cancelled),
// the steps already run are rolled back in reverse order — the failing one included, as it may have changed
// something before it failed — so that the container is left as it was; what could not be rolled back is reported.

export interface StepHooks {
  /** Before step i runs (the engine persists progress and checks its lock's fencing token here). */
  before?(index: number, step: RunnableStep): Promise<void> | void;
  after?(index: number, step: RunnableStep): Promise<void> | void;
}

export class StepTimeoutError extends Error {
  constructor(readonly step: RunnableStep) {
    super(
      `step "${renderText(step.title, 'en')}" did not finish within ${Math.round(step.timeoutMs / 1000)} s`,
    );
    this.name = 'StepTimeoutError';
  }
}

export type StepsOutcome =
  | { ok: true; completed: number }
  | {
      ok: false;
      failedIndex: number;
      error: unknown;
      completed: number;
      /** Rolled back cleanly: the container is as before the first step. */
      rolledBack: boolean;
      rollbackErrors: { index: number; error: unknown }[];
    };

/** A step that ignores its abort signal gets this long to stop before the runner moves on to the rollback. */
const ABORT_GRACE_MS = 10_000;

async function runOne(ctx: RemedyContext, step: RunnableStep): Promise<void> {
  const ctl = new AbortController();
  const onParent = () => ctl.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onParent();
  ctx.signal.addEventListener('abort', onParent, { once: true });
  const timer = setTimeout(() => ctl.abort(new StepTimeoutError(step)), step.timeoutMs);
  const work = step.run(ctx.withSignal(ctl.signal));
  work.catch(() => undefined);
  let grace: NodeJS.Timeout | undefined;
  const aborted = new Promise<never>((_, reject) => {
    const fire = () => {
      grace = setTimeout(() => reject(ctl.signal.reason), ABORT_GRACE_MS);
    };
    if (ctl.signal.aborted) fire();
    else ctl.signal.addEventListener('abort', fire, { once: true });
  });
  try {
    await Promise.race([work, aborted]);
    // A step that swallowed the abort and returned normally still did not complete its job.
    if (ctl.signal.aborted) throw ctl.signal.reason;
  } catch (e) {
    throw ctl.signal.aborted ? ctl.signal.reason : e;
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
    ctx.signal.removeEventListener('abort', onParent);
  }
}

export async function runSteps(
  ctx: RemedyContext,
  steps: RunnableStep[],
  hooks: StepHooks = {},
): Promise<StepsOutcome> {
  let i = 0;
  let started = false;
  try {
    for (; i < steps.length; i++) {
      const step = steps[i]!;
      if (ctx.signal.aborted) throw ctx.signal.reason;
      started = false;
      await hooks.before?.(i, step);
      ctx.log(`▶ ${renderText(step.title, 'en')}`);
      started = true;
      await runOne(ctx, step);
      await hooks.after?.(i, step);
    }
    return { ok: true, completed: steps.length };
  } catch (error) {
    ctx.log(`✗ ${errorText(error)}`);
    const rollbackErrors: { index: number; error: unknown }[] = [];
    const clean = ctx.detached();
    for (let k = started ? i : i - 1; k >= 0; k--) {
      const step = steps[k]!;
      if (!step.rollback) continue;
      ctx.log(`↩ ${renderText(step.title, 'en')}`);
      try {
        await retryTransient(() => step.rollback!(clean), ctx.log);
      } catch (e) {
        ctx.log(`✗ rollback: ${errorText(e)}`);
        rollbackErrors.push({ index: k, error: e });
      }
    }
    return {
      ok: false,
      failedIndex: i,
      error,
      completed: i,
      rolledBack: rollbackErrors.length === 0,
      rollbackErrors,
    };
  }
}

/**
 * A rollback whose host or engine does not answer (connection lost, engine restarting) is tried again for a while:
 * rollbacks read the real state first and are safe to repeat, and a container left half-changed is the worst outcome.
 */
const ROLLBACK_RETRY_MS = 60_000;

async function retryTransient(
  run: () => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  const until = Date.now() + ROLLBACK_RETRY_MS;
  for (let told = false; ; told = true) {
    try {
      return await run();
    } catch (e) {
      // Not after a timeout: the timed-out attempt may still be running there.
      const again = isTransient(e) && !(e instanceof RemoteError && e.kind === 'timeout');
      if (!again || Date.now() > until) throw e;
      if (!told)
        log(`the host does not answer (${errorText(e)}); trying the rollback again until it does`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

/** A job already names its host: remote errors are told without the host id in front. */
export function errorText(e: unknown): string {
  if (e instanceof RemoteError) return e.detail;
  return e instanceof Error ? e.message : String(e);
}

import type { RemedyContext, RunnableStep } from './types';

// Runs prepared steps in order. When one fails, the steps already completed are rolled back in reverse order
// (each with its own rollback) so that the container is left as it was; what could not be rolled back is reported.

export interface StepHooks {
  /** Before step i runs (the engine persists progress and checks its lock's fencing token here). */
  before?(index: number, step: RunnableStep): Promise<void> | void;
  after?(index: number, step: RunnableStep): Promise<void> | void;
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

export async function runSteps(ctx: RemedyContext, steps: RunnableStep[], hooks: StepHooks = {}): Promise<StepsOutcome> {
  let i = 0;
  try {
    for (; i < steps.length; i++) {
      const step = steps[i]!;
      await hooks.before?.(i, step);
      ctx.log(`▶ ${step.title.en}`);
      await step.run(ctx);
      await hooks.after?.(i, step);
    }
    return { ok: true, completed: steps.length };
  } catch (error) {
    ctx.log(`✗ ${errorText(error)}`);
    const rollbackErrors: { index: number; error: unknown }[] = [];
    // The failing step may have changed something before it failed: it is rolled back too.
    for (let k = i; k >= 0; k--) {
      const step = steps[k]!;
      if (!step.rollback) continue;
      ctx.log(`↩ ${step.title.en}`);
      try {
        // Rollback must run even when the job was cancelled: give it a context whose signal is not aborted.
        await step.rollback(ctx.detached());
      } catch (e) {
        ctx.log(`✗ rollback: ${errorText(e)}`);
        rollbackErrors.push({ index: k, error: e });
      }
    }
    return { ok: false, failedIndex: i, error, completed: i, rolledBack: rollbackErrors.length === 0, rollbackErrors };
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

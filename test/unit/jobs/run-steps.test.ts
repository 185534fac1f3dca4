import { describe, expect, it } from 'vitest';
import { runSteps, StepTimeoutError } from '@/lib/remedies/run-steps';
import { RemoteError } from '@/lib/remote/errors';
import type { RemedyContext, RunnableStep } from '@/lib/remedies/types';

function fakeContext(
  signal: AbortSignal = new AbortController().signal,
  log: string[] = [],
): RemedyContext {
  const ctx: RemedyContext = {
    target: { hostId: 'h', container: 'c' },
    signal,
    log: (l) => log.push(l),
    inContainer: () => Promise.reject(new Error('not in this test')),
    onHost: () => Promise.reject(new Error('not in this test')),
    docker: () => Promise.reject(new Error('not in this test')),
    detached: () => fakeContext(new AbortController().signal, log),
    withSignal: (s) => fakeContext(s, log),
  };
  return ctx;
}

function step(
  id: string,
  trace: string[],
  opts: { fail?: boolean; hang?: boolean; timeoutMs?: number; noRollback?: boolean } = {},
): RunnableStep {
  return {
    id,
    title: { en: id, zh: id },
    where: 'container',
    timeoutMs: opts.timeoutMs ?? 5_000,
    run: async (ctx) => {
      trace.push(`run ${id}`);
      if (opts.hang)
        await new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        );
      if (opts.fail) throw new Error(`${id} broke`);
    },
    ...(opts.noRollback
      ? {}
      : {
          rollback: async (ctx: RemedyContext) => {
            expect(ctx.signal.aborted).toBe(false);
            trace.push(`rollback ${id}`);
          },
        }),
  };
}

describe('runSteps', () => {
  it('a rollback whose host does not answer is tried again until it does; one that failed on its own is not', async () => {
    const log: string[] = [];
    let tries = 0;
    const flaky: RunnableStep = {
      ...step('a', []),
      rollback: async () => {
        if (++tries === 1)
          throw new RemoteError('unreachable', 'h', 'SSH connection lost: the host closed it');
      },
    };
    const r = await runSteps(fakeContext(undefined, log), [
      flaky,
      step('b', [], { fail: true, noRollback: true }),
    ]);
    expect(r).toMatchObject({ ok: false, rolledBack: true });
    expect(tries).toBe(2);
    expect(log.join('\n')).toMatch(/the host does not answer .*trying the rollback again/);

    let exits = 0;
    const broken: RunnableStep = {
      ...step('a', []),
      rollback: async () =>
        void (++exits, await Promise.reject(new RemoteError('exit', 'h', 'restore exited with 1'))),
    };
    const r2 = await runSteps(fakeContext(), [
      broken,
      step('b', [], { fail: true, noRollback: true }),
    ]);
    expect(r2).toMatchObject({ ok: false, rolledBack: false });
    expect(exits).toBe(1);
  });

  it('runs every step in order', async () => {
    const trace: string[] = [];
    const r = await runSteps(fakeContext(), [step('a', trace), step('b', trace)]);
    expect(r).toEqual({ ok: true, completed: 2 });
    expect(trace).toEqual(['run a', 'run b']);
  });

  it('a failure rolls back the failing step and the completed ones, newest first, and runs nothing after', async () => {
    const trace: string[] = [];
    const r = await runSteps(fakeContext(), [
      step('a', trace),
      step('b', trace, { noRollback: true }),
      step('c', trace, { fail: true }),
      step('d', trace),
    ]);
    expect(trace).toEqual(['run a', 'run b', 'run c', 'rollback c', 'rollback a']);
    expect(r).toMatchObject({ ok: false, failedIndex: 2, completed: 2, rolledBack: true });
  });

  it('a step past its timeout is stopped, reported as a timeout, and rolled back', async () => {
    const trace: string[] = [];
    const r = await runSteps(fakeContext(), [
      step('a', trace),
      step('slow', trace, { hang: true, timeoutMs: 50 }),
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(StepTimeoutError);
      expect(String((r.error as Error).message)).toContain('slow');
    }
    expect(trace).toEqual(['run a', 'run slow', 'rollback slow', 'rollback a']);
  });

  it('cancel stops the running step and rolls back with a live (not aborted) context', async () => {
    const trace: string[] = [];
    const ctl = new AbortController();
    const p = runSteps(fakeContext(ctl.signal), [
      step('a', trace),
      step('wait', trace, { hang: true }),
    ]);
    await expect.poll(() => trace.includes('run wait'), { timeout: 2_000 }).toBe(true);
    ctl.abort(new Error('cancelled by test'));
    const r = await p;
    expect(r).toMatchObject({ ok: false, failedIndex: 1 });
    if (!r.ok) expect((r.error as Error).message).toBe('cancelled by test');
    expect(trace).toEqual(['run a', 'run wait', 'rollback wait', 'rollback a']);
  });

  it('a failing hook before a step rolls back only the steps that ran', async () => {
    const trace: string[] = [];
    const r = await runSteps(fakeContext(), [step('a', trace), step('b', trace)], {
      before: (i) => {
        if (i === 1) throw new Error('lock lost');
      },
    });
    expect(trace).toEqual(['run a', 'rollback a']);
    expect(r).toMatchObject({ ok: false, failedIndex: 1, completed: 1 });
  });

  it('a failed rollback is reported and the rest still roll back', async () => {
    const trace: string[] = [];
    const bad: RunnableStep = {
      ...step('b', trace),
      rollback: async () => {
        throw new Error('cannot put b back');
      },
    };
    const r = await runSteps(fakeContext(), [
      step('a', trace),
      bad,
      step('c', trace, { fail: true }),
    ]);
    expect(r).toMatchObject({ ok: false, rolledBack: false });
    if (!r.ok)
      expect(r.rollbackErrors.map((e) => (e.error as Error).message)).toEqual([
        'cannot put b back',
      ]);
    expect(trace).toEqual(['run a', 'run b', 'run c', 'rollback c', 'rollback a']);
  });
});

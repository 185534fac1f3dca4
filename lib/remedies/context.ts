import { quoteArg, remote, type DurableHandle } from '@/lib/remote';
import type { RemedyContext, Target } from './types';

// The RemedyContext over the console's pooled remote access: every command's argv and output go to the job log,
// and the job's abort signal reaches every remote call.

export interface ContextOptions {
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** A durable command was created on the host (the jobs engine stores it, for reconciling after a restart). */
  onDurable?: (h: DurableHandle) => void | Promise<void>;
}

/** Splits streamed chunks into whole lines for the log (a chunk may end mid-line). */
function lineSink(
  log: (line: string) => void,
  prefix: string,
): { push(text: string): void; flush(): void } {
  let rest = '';
  return {
    push(text) {
      const parts = (rest + text).split(/\r?\n/);
      rest = parts.pop() ?? '';
      for (const p of parts) log(prefix + p);
    },
    flush() {
      if (rest) log(prefix + rest);
      rest = '';
    },
  };
}

// The live log shows a command as a person would type it (shell quoting, for reading only: it runs as argv). Inline
// scripts are in the preview in full; here they are named by their first line.
function shownArg(a: string): string {
  if (a.length > 120 || /[\r\n]/.test(a) || a.includes('\0'))
    return `<script: ${a.split('\n')[0]!.slice(0, 60)}…>`;
  return quoteArg(a);
}

export function remoteContext(target: Target, o: ContextOptions = {}): RemedyContext {
  const signal = o.signal ?? new AbortController().signal;
  const log = o.log ?? (() => undefined);
  const streamed = <R>(
    argv: string[],
    run: (onOutput: (t: string, s: 'stdout' | 'stderr') => void) => Promise<R>,
  ): Promise<R> => {
    log(`$ ${argv.map(shownArg).join(' ')}`);
    const out = lineSink(log, '');
    const err = lineSink(log, '! ');
    return run((t, s) => (s === 'stdout' ? out : err).push(t)).finally(() => {
      out.flush();
      err.flush();
    });
  };
  return {
    target,
    signal,
    log,
    inContainer: (argv, { durable, ...opts } = {}) =>
      streamed(argv, (onOutput) =>
        durable
          ? remote.execDurable(target.hostId, target.container, argv, {
              signal,
              onOutput,
              onNotice: log,
              onStarted: o.onDurable,
              ...opts,
            })
          : remote.execInContainer(target.hostId, target.container, argv, {
              signal,
              onOutput,
              ...opts,
            }),
      ),
    onHost: (argv, opts = {}) =>
      streamed(argv, (onOutput) => remote.exec(target.hostId, argv, { signal, onOutput, ...opts })),
    docker: (opts) => remote.docker(target.hostId, opts),
    // Rollbacks run here: a durable command they start is marked so, so a reconciler never counts it as the step.
    detached: () =>
      remoteContext(target, {
        log,
        onDurable: o.onDurable && ((h) => o.onDurable!({ ...h, rollback: true })),
      }),
    withSignal: (s) => remoteContext(target, { log, signal: s, onDurable: o.onDurable }),
  };
}

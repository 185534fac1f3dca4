// The probe transport of a test run: the console's remote reads (lib/remote), each with a deadline and the run's
// AbortSignal. The deadline covers the whole call, waiting for one of the host's pooled Docker sockets included:
// Node's http neither times out nor aborts a request still queued for a socket (the client timeout of lib/remote's
// Docker client starts only once a socket is assigned), so a busy pool used to hold the run without any limit.
import { asDockerError, remote, RemoteError } from '@/lib/remote';
import { demuxDockerLog } from '@/lib/probes/container-log';
import {
  detailsOf,
  type ContainerDetails,
  type ExecOutcome,
  type ProbeTransport,
} from '@/lib/probes/transport';

/** Rejects as soon as `signal` aborts (deadline or the run's cancel), whatever `work` is still waiting on. */
export function within<T>(
  signal: AbortSignal,
  host: string,
  what: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const stopped = () =>
    signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError'
      ? new RemoteError('timeout', host, `${what} did not finish within ${timeoutMs} ms`)
      : new RemoteError('cancelled', host, `cancelled: ${what}`, { cause: signal.reason });
  if (signal.aborted) return Promise.reject(stopped());
  let onAbort: () => void = () => undefined;
  const stop = new Promise<never>((_, reject) => {
    onAbort = () => reject(stopped());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const p = work();
  p.catch(() => undefined);
  return Promise.race([p, stop]).finally(() => signal.removeEventListener('abort', onAbort));
}

export function runTransport(runSignal: AbortSignal): ProbeTransport {
  const deadline = (timeoutMs: number) =>
    AbortSignal.any([runSignal, AbortSignal.timeout(timeoutMs)]);
  return {
    listServiceContainers(): Promise<never> {
      return Promise.reject(new Error('a test run names its container: it lists none'));
    },
    inspect(hostId, container, timeoutMs): Promise<ContainerDetails> {
      const signal = deadline(timeoutMs);
      return within(signal, hostId, `inspect ${container}`, timeoutMs, async () => {
        const d = await remote.docker(hostId, { timeoutMs });
        const info = await d
          .getContainer(container)
          .inspect({ abortSignal: signal })
          .catch((e: unknown) => {
            throw asDockerError(e, hostId, `inspect ${container}`);
          });
        return detailsOf(info);
      });
    },
    execInContainer(hostId, container, argv, opts): Promise<ExecOutcome> {
      return remote.execInContainer(hostId, container, argv, {
        stdin: opts.stdin,
        timeoutMs: opts.timeoutMs,
        signal: runSignal,
      });
    },
    execOnHost(hostId, argv, opts): Promise<ExecOutcome> {
      // remote.exec heeds its signal once its command runs; while it waits for one of the connection's exec slots
      // only its timeout counts, so a cancel is answered here at once.
      return within(deadline(opts.timeoutMs + 1_000), hostId, argv[0]!, opts.timeoutMs, () =>
        remote.exec(hostId, argv, { timeoutMs: opts.timeoutMs, signal: runSignal }),
      );
    },
    containerLogs(hostId, container, opts): Promise<string> {
      const signal = deadline(opts.timeoutMs);
      return within(signal, hostId, `logs of ${container}`, opts.timeoutMs, async () => {
        const d = await remote.docker(hostId, { timeoutMs: opts.timeoutMs });
        const logs = {
          stdout: true,
          stderr: true,
          timestamps: true,
          follow: false as const,
          since: opts.since,
          tail: opts.tail,
          abortSignal: signal,
        };
        const buf = (await d
          .getContainer(container)
          .logs(logs)
          .catch((e: unknown) => {
            throw asDockerError(e, hostId, `logs of ${container}`);
          })) as unknown as Buffer;
        return demuxDockerLog(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf)));
      });
    },
  };
}

import type { ClientChannel } from 'ssh2';
import { remoteCallTimeoutMs } from '../config';
import { busyError, RemoteError, tail } from './errors';
import { refuseWhenStopping } from './lifecycle';
import { connectionFor } from './pool';
import type { HostConnection } from './connection';
import { killProcessGroup, PgidStripper, wrapWithPrelude } from './process-group';
import { QueueFullError } from './semaphore';
import { type ArgvError, quoteArgv } from './shell-quote';

export interface ExecOptions {
  /** Written to the command's standard input, then closed. File contents go here, never into argv. */
  stdin?: string | Buffer;
  timeoutMs?: number;
  /** Throw RemoteError kind 'exit' on a non-zero exit status instead of returning it. */
  check?: boolean;
  /** Output beyond this many bytes per stream is cut and the command stopped. */
  maxOutputBytes?: number;
  /** Each chunk of output as it arrives (a job's live log). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting stops the command (its whole process group) and rejects with kind 'cancelled'. */
  signal?: AbortSignal;
}

export interface ExecResult {
  code: number;
  signal?: string;
  stdout: string;
  stderr: string;
}

const DEFAULT_MAX_OUTPUT = 8 * 1024 * 1024;
/** Commands allowed to wait for one of a host's exec channels; one more is refused as busy (HTTP 503). */
export const EXEC_QUEUE = 32;

/** Runs argv on the host over its pooled SSH connection. */
export async function exec(
  hostId: string,
  argv: string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  let command: string;
  try {
    command = quoteArgv(wrapWithPrelude(argv));
  } catch (err) {
    throw new RemoteError('invalid', hostId, `refused to run: ${(err as ArgvError).message}`, {
      argv,
    });
  }
  refuseWhenStopping(hostId);
  const conn = await connectionFor(hostId);
  const host = conn.target.name;
  const timeoutMs = opts.timeoutMs ?? remoteCallTimeoutMs();
  const deadline = AbortSignal.timeout(timeoutMs);
  const timedOut = () =>
    new RemoteError('timeout', host, `command did not finish within ${timeoutMs} ms: ${argv[0]}`, {
      argv,
    });
  let release: () => void;
  try {
    release = await conn.execSlots.acquire(deadline, EXEC_QUEUE);
  } catch (err) {
    if (err instanceof QueueFullError) throw busyError(host, 'commands', err.queued);
    throw timedOut();
  }
  let channelHeld = false;
  try {
    const ch = await untilDeadline(conn.execChannel(command), deadline, timedOut);
    channelHeld = true;
    // The slot is freed when the server closes the channel (a timed-out command may linger a moment there).
    ch.once('close', release);
    setTimeout(release, timeoutMs + 10_000).unref();
    return await runOnChannel(ch, conn, argv, opts, deadline, timedOut);
  } finally {
    if (!channelHeld) release();
  }
}

/**
 * `work`, or `timedOut()` once `deadline` aborts first. The abort listener goes when `work` settles: a deadline that
 * passes later rejects nothing (it left an unhandled rejection when it did).
 */
async function untilDeadline<T>(
  work: Promise<T>,
  deadline: AbortSignal,
  timedOut: () => Error,
): Promise<T> {
  if (deadline.aborted) throw timedOut();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(timedOut());
    deadline.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    deadline.removeEventListener('abort', onAbort);
  }
}

function runOnChannel(
  ch: ClientChannel,
  conn: HostConnection,
  argv: string[],
  opts: ExecOptions,
  deadline: AbortSignal,
  timedOut: () => RemoteError,
): Promise<ExecResult> {
  const host = conn.target.name;
  const pg = new PgidStripper();
  return new Promise<ExecResult>((resolve, reject) => {
    const max = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let code: number | null = null;
    let signal: string | undefined;
    let settled = false;
    const fail = (e: RemoteError): void => {
      if (settled) return;
      settled = true;
      reject(e);
      if (pg.pgid !== null) void killProcessGroup(conn, pg.pgid);
      ch.close();
    };
    const onAbort = (): void => fail(timedOut());
    const onCancel = (): void =>
      fail(new RemoteError('cancelled', host, `cancelled: ${argv[0]}`, { argv }));
    deadline.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) onCancel();
    opts.signal?.addEventListener('abort', onCancel, { once: true });
    ch.on('data', (b: Buffer) => {
      outLen += b.length;
      opts.onOutput?.(b.toString('utf8'), 'stdout');
      if (outLen <= max) out.push(b);
      else
        fail(new RemoteError('exit', host, `output exceeded ${max} bytes: ${argv[0]}`, { argv }));
    });
    ch.stderr.on('data', (chunk: Buffer) => {
      const b = pg.push(chunk);
      errLen += b.length;
      if (errLen <= max) err.push(b);
      if (b.length > 0) opts.onOutput?.(b.toString('utf8'), 'stderr');
    });
    ch.on('exit', (c: number | null, sig?: string) => {
      code = c;
      signal = sig ?? undefined;
    });
    // ssh2 emits 'exit' while it parses a read; when the status came in the same read as the reply that opened the
    // channel, that was before this listener existed. It passes the status to 'close' as well: take it from there.
    ch.on('close', (closeCode?: number | null, closeSignal?: string) => {
      if (code === null && signal === undefined && closeCode !== undefined) {
        code = closeCode;
        signal = closeSignal ?? undefined;
      }
      deadline.removeEventListener('abort', onAbort);
      opts.signal?.removeEventListener('abort', onCancel);
      if (settled) return;
      // Closed without an exit status: the connection under it was lost (a hung host's keepalives went unanswered,
      // or it dropped). The command may still run there and its outcome is unknown: not an exit code of -1.
      if (code === null && signal === undefined)
        return fail(
          conn.refusal ??
            new RemoteError(
              'unreachable',
              host,
              `connection lost while ${argv[0]} ran: its outcome is unknown (stopping it on the host)`,
              { argv },
            ),
        );
      settled = true;
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat([...err, pg.flush()]).toString('utf8');
      const exitCode = code ?? (signal ? 128 : -1);
      if (opts.check && exitCode !== 0) {
        const how = signal ? `signal ${signal}` : String(exitCode);
        return reject(
          new RemoteError('exit', host, `${argv[0]} exited with ${how}`, {
            argv,
            exitCode,
            stderrTail: tail(stderr),
          }),
        );
      }
      resolve({ code: exitCode, signal, stdout, stderr });
    });
    if (opts.stdin !== undefined) ch.end(opts.stdin);
    else ch.end();
  });
}

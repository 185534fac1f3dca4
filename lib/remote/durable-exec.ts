import { randomUUID } from 'node:crypto';
import { RemoteError, asDockerError, isTransient, tail } from './errors';
import { hostLabel } from './host-names';
import { docker } from './docker';
import type { ExecResult } from './exec';
import {
  execInContainer,
  stopExec,
  validateContainerExec,
  type ContainerExecOptions,
} from './container-exec';

// A container command that outlives its connection. It is started detached (Docker keeps no stream open), under a
// fixed sh wrapper that writes its PID, its output and, at the end, its exit status into a directory in the
// container. The console follows that directory with short reads: a dropped SSH connection only pauses the reading,
// the command runs on, and its outcome is read back once the host answers again — by this process, or after a
// console restart by the reconciler, from the handle stored with the job.

export const STEPS_DIR = '/var/tmp/dh-console-steps';
const DIR_RE = /^\/var\/tmp\/dh-console-steps\/[a-f0-9-]{36}$/;

// Values arrive only as positional parameters; the status file appears atomically, after the output is complete.
const WRAP =
  'd=$1; shift; mkdir -p "$d" || exit 125; echo $$ > "$d/pid"; "$@" > "$d/out" 2> "$d/err" < /dev/null; ' +
  'echo $? > "$d/status.part"; mv "$d/status.part" "$d/status"';
// argv: DIR OUT_OFFSET ERR_OFFSET MAX. Prints "STATUS OUT_N ERR_N EXISTS", then the next OUT_N bytes of out and
// ERR_N bytes of err, base64 on a line each (output is bytes; a chunk may end inside a UTF-8 character).
const READ =
  'd=$1; s=$(cat "$d/status" 2>/dev/null); o=$(wc -c < "$d/out" 2>/dev/null); e=$(wc -c < "$d/err" 2>/dev/null); ' +
  'x=0; [ -d "$d" ] && x=1; no=$(( ${o:-0} - $2 )); ne=$(( ${e:-0} - $3 )); [ $no -gt $4 ] && no=$4; [ $ne -gt $4 ] && ne=$4; ' +
  '[ $no -lt 0 ] && no=0; [ $ne -lt 0 ] && ne=0; printf "%s %s %s %s\\n" "${s:-_}" $no $ne $x; ' +
  '[ $no -gt 0 ] && tail -c +$(($2 + 1)) "$d/out" | head -c $no | base64 | tr -d "\\n"; echo; ' +
  '[ $ne -gt 0 ] && tail -c +$(($3 + 1)) "$d/err" | head -c $ne | base64 | tr -d "\\n"; echo';
const CHUNK = 256 * 1024;

/** What the job stores, so that another console process can find the command again. */
export interface DurableHandle {
  container: string;
  dir: string;
  execId: string;
  /** Started by a rollback, not by the step itself. */
  rollback?: boolean;
}

export type DurableState =
  | { state: 'exited'; code: number; stderrTail: string }
  | { state: 'running' }
  /** Ended without an exit status: killed, or its container stopped or restarted. */
  | { state: 'gone'; why: string }
  | { state: 'not_started' };

export interface DurableOptions
  extends Pick<ContainerExecOptions, 'env' | 'timeoutMs' | 'check' | 'onOutput' | 'signal'> {
  /** Called once the command exists on the host (before it starts): store it with the job. */
  onStarted?: (h: DurableHandle) => void | Promise<void>;
  /** Connection lost and found again: a line for the job log. */
  onNotice?: (line: string) => void;
}

interface Read {
  status: number | null;
  exists: boolean;
  out: Buffer;
  err: Buffer;
}

async function readDir(
  hostId: string,
  container: string,
  dir: string,
  offOut: number,
  offErr: number,
): Promise<Read> {
  const r = await execInContainer(
    hostId,
    container,
    ['sh', '-c', READ, 'dhc-read', dir, String(offOut), String(offErr), String(CHUNK)],
    { timeoutMs: 20_000, check: true },
  );
  const [head = '', out = '', err = ''] = r.stdout.split('\n');
  const [s, , , x] = head.split(' ');
  return {
    status: s === '_' || s === undefined ? null : Number(s),
    exists: x === '1',
    out: Buffer.from(out, 'base64'),
    err: Buffer.from(err, 'base64'),
  };
}

async function execRunning(hostId: string, execId: string): Promise<boolean> {
  try {
    return (await (await docker(hostId)).getExec(execId).inspect()).Running === true;
  } catch (e) {
    const err = asDockerError(e, hostId, 'inspect exec');
    if (err.statusCode === 404) return false; // the engine restarted or forgot it: it is not running
    throw err;
  }
}

/** The command's state now, read from the host. Throws only when the host cannot be asked. */
export async function durableState(hostId: string, h: DurableHandle): Promise<DurableState> {
  if (!DIR_RE.test(h.dir))
    throw new RemoteError(
      'invalid',
      hostLabel(hostId),
      `not a step directory: ${JSON.stringify(h.dir)}`,
    );
  let r: Read;
  try {
    r = await readDir(hostId, h.container, h.dir, 0, 0);
  } catch (e) {
    const err = e instanceof RemoteError ? e : asDockerError(e, hostId, 'read step');
    if (err.kind === 'docker' && (err.statusCode === 409 || err.statusCode === 404))
      return {
        state: 'gone',
        why: `the container is ${err.statusCode === 404 ? 'gone' : 'not running'}`,
      };
    throw err;
  }
  if (r.status !== null)
    return { state: 'exited', code: r.status, stderrTail: await errTail(hostId, h) };
  if (await execRunning(hostId, h.execId)) return { state: 'running' };
  // It may have ended between the two reads.
  const again = await readDir(hostId, h.container, h.dir, 0, 0);
  if (again.status !== null)
    return { state: 'exited', code: again.status, stderrTail: await errTail(hostId, h) };
  return again.exists
    ? { state: 'gone', why: 'it ended without an exit status (killed, or its container stopped)' }
    : { state: 'not_started' };
}

async function errTail(hostId: string, h: DurableHandle): Promise<string> {
  const r = await execInContainer(hostId, h.container, ['tail', '-c', '2000', `${h.dir}/err`], {
    timeoutMs: 20_000,
  }).catch(() => null);
  return r?.stdout ?? '';
}

/** Stops the command (its wrapper and what the wrapper started) by its host PID. Best effort. */
export function stopDurable(hostId: string, h: DurableHandle): Promise<void> {
  return stopExec(hostId, h.execId);
}

export async function execDurable(
  hostId: string,
  container: string,
  argv: string[],
  opts: DurableOptions = {},
): Promise<ExecResult> {
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  const h = await startDurable(hostId, container, argv, opts);
  return follow(hostId, h, argv, deadline, opts);
}

/** Creates and starts the detached command; its outcome is then read by handle (`durableState`). */
export async function startDurable(
  hostId: string,
  container: string,
  argv: string[],
  opts: Pick<DurableOptions, 'env' | 'onStarted'> = {},
): Promise<DurableHandle> {
  validateContainerExec(hostId, container, argv, opts);
  const h: DurableHandle = { container, dir: `${STEPS_DIR}/${randomUUID()}`, execId: '' };
  const d = await docker(hostId);
  const ex = await d
    .getContainer(container)
    .exec({
      Cmd: ['sh', '-c', WRAP, 'dhc-step', h.dir, ...argv],
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      Tty: false,
      Env: opts.env ? Object.entries(opts.env).map(([k, v]) => `${k}=${v}`) : undefined,
    })
    .catch((e: unknown) => {
      throw asDockerError(e, hostId, `exec ${argv[0]} in ${container}`);
    });
  h.execId = ex.id;
  await opts.onStarted?.(h);
  try {
    const s = (await ex.start({ Detach: true })) as NodeJS.ReadableStream | undefined;
    s?.resume?.();
  } catch (e) {
    // A start cut on the wire may still have reached the engine: the reads that follow tell.
    if (!isTransient(asDockerError(e, hostId, 'start')))
      throw asDockerError(e, hostId, `exec ${argv[0]} in ${container}`);
  }
  return h;
}

async function follow(
  hostId: string,
  h: DurableHandle,
  argv: string[],
  deadline: number,
  opts: DurableOptions,
): Promise<ExecResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offOut = 0;
  let offErr = 0;
  let lost: unknown = null;
  const what = `${commandName(argv)} in ${h.container}`;
  const seconds = Math.round((deadline - Date.now()) / 1000);
  const stop = async (kind: 'cancelled' | 'timeout', msg: string): Promise<never> => {
    await stopDurable(hostId, h);
    throw new RemoteError(kind, hostLabel(hostId), msg, { argv });
  };
  for (let wait = 150; ; wait = Math.min(wait * 2, 1_500)) {
    if (opts.signal?.aborted) await stop('cancelled', `cancelled: ${what}`);
    if (Date.now() > deadline)
      await stop('timeout', `${what} did not finish within ${seconds} s (stopped on the host)`);
    try {
      const r = await readDir(hostId, h.container, h.dir, offOut, offErr);
      if (lost) opts.onNotice?.(`connection back: ${what} kept running on the host`);
      lost = null;
      offOut += r.out.length;
      offErr += r.err.length;
      out.push(r.out);
      err.push(r.err);
      if (r.out.length) opts.onOutput?.(r.out.toString('utf8'), 'stdout');
      if (r.err.length) opts.onOutput?.(r.err.toString('utf8'), 'stderr');
      if (r.out.length === CHUNK || r.err.length === CHUNK) wait = 75; // more is waiting
      if (r.status !== null && r.out.length < CHUNK && r.err.length < CHUNK) {
        const stderr = Buffer.concat(err).toString('utf8');
        // The output is in the caller's log now; the directory only mattered while the outcome was unknown.
        await execInContainer(hostId, h.container, ['rm', '-rf', '--', h.dir], {
          timeoutMs: 20_000,
        }).catch(() => undefined);
        if (opts.check && r.status !== 0)
          throw new RemoteError('exit', hostLabel(hostId), `${what} exited with ${r.status}`, {
            argv,
            exitCode: r.status,
            stderrTail: tail(stderr),
          });
        return { code: r.status, stdout: Buffer.concat(out).toString('utf8'), stderr };
      }
      if (r.status === null && !(await execRunning(hostId, h.execId))) {
        const last = await readDir(hostId, h.container, h.dir, offOut, offErr);
        if (last.status === null) {
          const why = last.exists
            ? 'ended without an exit status (killed, or its container restarted)'
            : 'never started';
          throw new RemoteError('exit', hostLabel(hostId), `${what} ${why}`, {
            argv,
            exitCode: -1,
            stderrTail: tail(Buffer.concat(err).toString('utf8')),
          });
        }
      }
    } catch (e) {
      const re = e instanceof RemoteError ? e : asDockerError(e, hostId, `read ${what}`);
      if (re.kind === 'docker' && (re.statusCode === 409 || re.statusCode === 404)) {
        throw new RemoteError(
          'exit',
          hostLabel(hostId),
          `${what}: its container ${re.statusCode === 404 ? 'is gone' : 'stopped'} while it ran`,
          { argv, exitCode: -1 },
        );
      }
      // 126/127: the read itself could not start in the container, which is stopping or starting again (a restart
      // under the command): read once more; the next round sees the container stopped (409) or the command gone.
      const couldNotStart = re.kind === 'exit' && (re.exitCode === 126 || re.exitCode === 127);
      if (!couldNotStart && !isTransient(re)) throw re;
      if (!lost && !couldNotStart)
        opts.onNotice?.(
          `connection lost (${re.detail}); ${what} runs on in the container, reconnecting`,
        );
      if (!couldNotStart) lost = re;
    }
    await sleep(wait, opts.signal);
  }
}

/** "python -m pip download" rather than the interpreter's full path alone; "python -c <script>" for inline scripts. */
function commandName(argv: string[]): string {
  const words = [argv[0]?.split('/').pop() ?? ''];
  for (const a of argv.slice(1, 4)) {
    if (a.includes('\n') || a.length > 40) {
      words.push('<script>');
      break;
    }
    words.push(a);
  }
  return words.join(' ');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

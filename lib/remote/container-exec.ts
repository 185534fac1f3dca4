import { PassThrough, type Duplex } from 'node:stream';
import { remoteCallTimeoutMs } from '../config';
import { asDockerError, RemoteError, tail } from './errors';
import { hostLabel } from './host-names';
import { docker } from './docker';
import type { ExecResult } from './exec';
import { connectionFor } from './pool';
import { killHostProcessTree } from './process-group';

// A command inside a container through the Docker exec API (no shell, no docker CLI): argv goes to Docker
// as an array, stdin over the hijacked HTTP stream, which itself runs over the host's SSH connection.

export interface ContainerExecOptions {
  stdin?: string | Buffer;
  timeoutMs?: number;
  env?: Record<string, string>;
  workdir?: string;
  user?: string;
  check?: boolean;
  /** Each chunk of output as it arrives (a job's live log). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting stops the exec'd process on the host and rejects with kind 'cancelled'. */
  signal?: AbortSignal;
}

export const CONTAINER_REF_RE = /^(?:[a-fA-F0-9]{12,64}|[A-Za-z0-9][A-Za-z0-9_.-]{0,127})$/;
const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function validateContainerExec(
  hostId: string,
  container: string,
  argv: string[],
  o: Pick<ContainerExecOptions, 'env' | 'workdir' | 'user'>,
): void {
  const bad = (msg: string) =>
    new RemoteError('invalid', hostLabel(hostId), `refused to run: ${msg}`, { argv });
  if (!CONTAINER_REF_RE.test(container))
    throw bad(`not a container name or id: ${JSON.stringify(container)}`);
  if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== 'string'))
    throw bad('argv must be a non-empty array of strings');
  if (argv.some((a) => a.includes('\0'))) throw bad('argv element contains a NUL character');
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (!ENV_KEY_RE.test(k)) throw bad(`not an environment variable name: ${JSON.stringify(k)}`);
    if (v.includes('\0')) throw bad(`environment value of ${k} contains a NUL character`);
  }
  if (o.workdir !== undefined && !/^\/[^\0]*$/.test(o.workdir))
    throw bad('workdir must be an absolute path');
  if (o.user !== undefined && !/^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)?$/.test(o.user))
    throw bad('user must be NAME or UID[:GID]');
}

/** What a deadline or a cancel must undo, and where the call was when it came (for the timeout's message). */
interface InFlight {
  stream: Duplex | null;
  execId: string | null;
  phase: string;
}

type DockerClient = Awaited<ReturnType<typeof docker>>;
type Exec = ReturnType<DockerClient['getExec']>;

/** Output of the attached stream, demultiplexed, each chunk also handed to `onOutput` as it arrives. */
function collect(d: DockerClient, s: Duplex, onOutput: ContainerExecOptions['onOutput']) {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  out.on('data', (b: Buffer) => {
    chunks.stdout.push(b);
    onOutput?.(b.toString('utf8'), 'stdout');
  });
  err.on('data', (b: Buffer) => {
    chunks.stderr.push(b);
    onOutput?.(b.toString('utf8'), 'stderr');
  });
  d.modem.demuxStream(s, out, err);
  const ended = new Promise<void>((resolve, reject) => {
    s.once('end', resolve);
    s.once('close', resolve);
    s.once('error', reject);
  });
  const text = (k: keyof typeof chunks) => Buffer.concat(chunks[k]).toString('utf8');
  return { ended, text };
}

/**
 * The end of the attached stream is not a reliable sign that the process is done (seen in the field: the output
 * arrived, the process exited, and the forwarded stream never ended). The exec's own state is: poll it beside the
 * stream, and once it has exited give the last output a moment, then stop waiting on the stream.
 */
async function outputOver(ex: Exec, ended: Promise<void>, abortSignal: AbortSignal): Promise<void> {
  let done = false;
  const exited = (async () => {
    for (let wait = 200; !done; wait = Math.min(wait * 2, 2_000)) {
      await new Promise((r) => setTimeout(r, wait));
      const state = await ex.inspect({ abortSignal }).catch(() => null);
      if (state && !state.Running) return;
    }
  })();
  const grace = () => Promise.race([ended, new Promise((r) => setTimeout(r, 2_000))]);
  try {
    await Promise.race([ended, exited.then(grace)]);
  } finally {
    done = true;
  }
}

/**
 * The engine may be slow to record the exit (seen right after an engine restart): ask again with a growing pause.
 * A tight loop here, times the commands running at once, queued behind the few Docker sockets and starved them.
 */
async function exitState(ex: Exec, abortSignal: AbortSignal) {
  let info = await ex.inspect({ abortSignal });
  for (
    let wait = 20, waited = 0;
    info.Running && waited < 10_000;
    waited += wait, wait = Math.min(wait * 2, 1_000)
  ) {
    await new Promise((r) => setTimeout(r, wait));
    info = await ex.inspect({ abortSignal });
  }
  return info;
}

async function runExec(
  hostId: string,
  container: string,
  argv: string[],
  opts: ContainerExecOptions,
  at: InFlight,
  abortSignal: AbortSignal,
): Promise<ExecResult> {
  const what = `exec ${argv[0]} in ${container}`;
  const dockerError = (e: unknown) => {
    throw asDockerError(e, hostId, what);
  };
  const d = await docker(hostId);
  const ex = await d
    .getContainer(container)
    .exec({
      abortSignal,
      Cmd: argv,
      AttachStdin: opts.stdin !== undefined,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      Env: opts.env ? Object.entries(opts.env).map(([k, v]) => `${k}=${v}`) : undefined,
      WorkingDir: opts.workdir,
      User: opts.user,
    })
    .catch(dockerError);
  at.execId = ex.id;
  at.phase = 'start';
  // The attached stream may be silent for long (pip install): start it on a client without an idle
  // timeout; this function's own deadline bounds it.
  const streaming = await docker(hostId, { timeoutMs: 0 });
  const s = (await streaming
    .getExec(ex.id)
    .start({ hijack: true, stdin: opts.stdin !== undefined, abortSignal })
    .catch(dockerError)) as Duplex;
  at.stream = s;
  at.phase = 'output';
  const output = collect(d, s, opts.onOutput);
  // Ending our side half-closes the channel: Docker sees EOF on the process's stdin.
  if (opts.stdin !== undefined) s.end(opts.stdin);
  await outputOver(ex, output.ended, abortSignal);
  if (!s.destroyed) s.destroy();
  at.phase = 'exit status';
  const info = await exitState(ex, abortSignal);
  // Output over, yet the process runs on: the stream was cut under it. Its outcome is unknown, not an exit code
  // (the caller stops it by its host PID).
  if (info.Running)
    throw new RemoteError(
      'unreachable',
      hostLabel(hostId),
      `${what}: its output ended while it still ran (connection trouble): stopped, outcome unknown`,
      { argv },
    );
  const stderr = output.text('stderr');
  const code = info.ExitCode ?? -1;
  if (opts.check && code !== 0)
    throw new RemoteError(
      'exit',
      hostLabel(hostId),
      `${argv[0]} in ${container} exited with ${code}`,
      {
        argv,
        exitCode: code,
        stderrTail: tail(stderr),
      },
    );
  return { code, stdout: output.text('stdout'), stderr };
}

export async function execInContainer(
  hostId: string,
  container: string,
  argv: string[],
  opts: ContainerExecOptions = {},
): Promise<ExecResult> {
  validateContainerExec(hostId, container, argv, opts);
  const timeoutMs = opts.timeoutMs ?? remoteCallTimeoutMs();
  const what = `exec ${argv[0]} in ${container}`;
  const at: InFlight = { stream: null, execId: null, phase: 'create' };
  // Aborts whatever Docker request is in flight when the call times out or is cancelled: a request left waiting
  // would hold one of the connection's few Docker sockets for good.
  const requests = new AbortController();
  const work = runExec(hostId, container, argv, opts, at, requests.signal);
  let timer: NodeJS.Timeout | undefined;
  let onCancel: (() => void) | undefined;
  const stop = (reject: (e: RemoteError) => void, e: RemoteError) => {
    requests.abort();
    at.stream?.destroy();
    if (at.execId) void stopExec(hostId, at.execId);
    reject(e);
  };
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void connectionFor(hostId)
        .then(
          (c) => c.agentLoad(),
          () => '?',
        )
        .then((load) =>
          stop(
            reject,
            new RemoteError(
              'timeout',
              hostLabel(hostId),
              `${what} did not finish within ${timeoutMs} ms (waiting on: ${at.phase}; Docker sockets: ${load})`,
              { argv },
            ),
          ),
        );
    }, timeoutMs);
    onCancel = () =>
      stop(reject, new RemoteError('cancelled', hostLabel(hostId), `cancelled: ${what}`, { argv }));
    if (opts.signal?.aborted) onCancel();
    else opts.signal?.addEventListener('abort', onCancel, { once: true });
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (e) {
    // The channel died under a running process (connection dropped): Docker keeps the process running, so a
    // rollback would race it. Stop it by its host PID over a fresh connection before the caller goes on.
    const kind = e instanceof RemoteError ? e.kind : null;
    if (at.execId && kind !== 'exit' && kind !== 'timeout' && kind !== 'cancelled')
      await stopExec(hostId, at.execId);
    throw e;
  } finally {
    clearTimeout(timer);
    if (onCancel) opts.signal?.removeEventListener('abort', onCancel);
    work.catch(() => undefined);
  }
}

/** Docker cannot kill an exec; its host PID can be, over the same connection (needs a user allowed to kill it). */
export async function stopExec(hostId: string, execId: string): Promise<void> {
  try {
    const d = await docker(hostId);
    const info = await d.getExec(execId).inspect();
    if (info.Running && typeof info.Pid === 'number' && info.Pid > 1)
      await killHostProcessTree(
        await connectionFor(hostId),
        info.Pid,
        info.ProcessConfig?.entrypoint,
      );
  } catch {
    /* best effort: the host may be gone too */
  }
}

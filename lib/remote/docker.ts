import type http from 'node:http';
import Dockerode from 'dockerode';
import { remoteCallTimeoutMs } from '../config';
import { DOCKER_SOCKETS, type HostConnection } from './connection';
import { busyError, RemoteError } from './errors';
import { refuseWhenStopping } from './lifecycle';
import { connectionFor } from './pool';
import { QueueFullError, Semaphore } from './semaphore';

// The Docker API of a host, carried over its pooled SSH connection: each HTTP connection of the agent is
// an OpenSSH streamlocal channel to the host's Docker socket. No docker CLI is needed on the host and no
// SSH handshake happens per request (measured in ../shared/LAB.md: ~2 ms per call with keep-alive).

/** Docker calls allowed to wait for one of a host's DOCKER_SOCKETS; one more is refused as busy (HTTP 503). */
export const DOCKER_QUEUE = 256;

interface PerConnection {
  agent: http.Agent;
  /** Long-lived streams (attached execs, followed logs) get channels of their own, outside the bounded pool: a
   * stream that waits on a short API call (its exec's exit status) must never hold the socket that call needs. */
  streams: http.Agent;
  /** Bounds the calls in flight on `agent`. Node's Agent does not: it counts a socket only once createConnection
   * delivered it, and ours opens an SSH channel asynchronously, so a burst of N calls opened N channels at once. */
  calls: Semaphore;
  byTimeout: Map<number, Dockerode>;
}

interface DialOptions {
  abortSignal?: AbortSignal;
}
type DialCallback = (err: unknown, data?: unknown) => void;
interface Modem {
  dial(options: DialOptions, callback: DialCallback): void;
}

const clients = new WeakMap<HostConnection, PerConnection>();

/**
 * Every call of this client first takes one of the host's call slots, waiting at most the call's own timeout (the
 * agent's queue had no deadline at all: the idle timeout starts only once a socket is assigned). The slot is given
 * back when the answer (or, for a stream, its headers) arrives.
 */
function gate(d: Dockerode, calls: Semaphore, host: string, timeoutMs: number): void {
  const modem = d.modem as unknown as Modem;
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.abortSignal
      ? AbortSignal.any([deadline, options.abortSignal])
      : deadline;
    calls.acquire(signal).then(
      (release) =>
        dial(options, (err, data) => {
          release();
          callback(err, data);
        }),
      (err: unknown) => {
        if (err instanceof QueueFullError) callback(busyError(host, 'Docker calls', err.queued));
        else if (deadline.aborted)
          callback(
            new RemoteError(
              'timeout',
              host,
              `no free Docker connection to the host within ${timeoutMs} ms (${calls.inUse} in use, ${calls.queued} waiting)`,
            ),
          );
        else callback(err);
      },
    );
  };
}

export function dockerFor(conn: HostConnection, timeoutMs = remoteCallTimeoutMs()): Dockerode {
  let pc = clients.get(conn);
  if (!pc) {
    const open = () => conn.openStreamLocal(conn.target.dockerSocket);
    pc = {
      agent: conn.agent(open, DOCKER_SOCKETS),
      streams: conn.agent(open, Infinity, false),
      calls: new Semaphore(DOCKER_SOCKETS, DOCKER_QUEUE),
      byTimeout: new Map(),
    };
    clients.set(conn, pc);
  }
  let d = pc.byTimeout.get(timeoutMs);
  if (!d) {
    // docker-modem treats a falsy timeout as "none": used for streams (logs --follow, attach).
    d = new Dockerode({
      protocol: 'http',
      host: 'docker',
      port: 80,
      agent: timeoutMs ? pc.agent : pc.streams,
      timeout: timeoutMs || undefined,
    } as Dockerode.DockerOptions);
    if (timeoutMs) gate(d, pc.calls, conn.target.name, timeoutMs);
    pc.byTimeout.set(timeoutMs, d);
  }
  return d;
}

/** Docker calls to this host's engine in flight and waiting (for stats and tests). */
export function dockerLoad(conn: HostConnection): { inFlight: number; queued: number } {
  const pc = clients.get(conn);
  return { inFlight: pc?.calls.inUse ?? 0, queued: pc?.calls.queued ?? 0 };
}

/**
 * Dockerode for one host. Resolves once the SSH connection is up, so host-key and reachability problems
 * surface here as RemoteError rather than as an obscure HTTP error on the first call. `timeoutMs` is the
 * idle deadline of each API call (default CONSOLE_REMOTE_TIMEOUT_MS; 0 for none, e.g. following logs).
 */
export async function docker(
  hostId: string,
  opts: { timeoutMs?: number } = {},
): Promise<Dockerode> {
  refuseWhenStopping(hostId);
  const conn = await connectionFor(hostId);
  await conn.get();
  return dockerFor(conn, opts.timeoutMs);
}

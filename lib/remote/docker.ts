import type http from 'node:http';
import Dockerode from 'dockerode';
import { remoteCallTimeoutMs } from '../config';
import { DOCKER_SOCKETS, type HostConnection } from './connection';
import { connectionFor } from './pool';

// The Docker API of a host, carried over its pooled SSH connection: each HTTP connection of the agent is
// an OpenSSH streamlocal channel to the host's Docker socket. No docker CLI is needed on the host and no
// SSH handshake happens per request (measured in ../shared/LAB.md: ~2 ms per call with keep-alive).

interface PerConnection {
  agent: http.Agent;
  /** Long-lived streams (attached execs, followed logs) get channels of their own, outside the bounded pool: a
   * stream that waits on a short API call (its exec's exit status) must never hold the socket that call needs. */
  streams: http.Agent;
  byTimeout: Map<number, Dockerode>;
}

const clients = new WeakMap<HostConnection, PerConnection>();

export function dockerFor(conn: HostConnection, timeoutMs = remoteCallTimeoutMs()): Dockerode {
  let pc = clients.get(conn);
  if (!pc) {
    const open = () => conn.openStreamLocal(conn.target.dockerSocket);
    pc = { agent: conn.agent(open, DOCKER_SOCKETS), streams: conn.agent(open, Infinity, false), byTimeout: new Map() };
    clients.set(conn, pc);
  }
  let d = pc.byTimeout.get(timeoutMs);
  if (!d) {
    // docker-modem treats a falsy timeout as "none": used for streams (logs --follow, attach).
    d = new Dockerode({ protocol: 'http', host: 'docker', port: 80, agent: timeoutMs ? pc.agent : pc.streams, timeout: timeoutMs || undefined } as Dockerode.DockerOptions);
    pc.byTimeout.set(timeoutMs, d);
  }
  return d;
}

/**
 * Dockerode for one host. Resolves once the SSH connection is up, so host-key and reachability problems
 * surface here as RemoteError rather than as an obscure HTTP error on the first call. `timeoutMs` is the
 * idle deadline of each API call (default CONSOLE_REMOTE_TIMEOUT_MS; 0 for none, e.g. following logs).
 */
export async function docker(hostId: string, opts: { timeoutMs?: number } = {}): Promise<Dockerode> {
  const conn = await connectionFor(hostId);
  await conn.get();
  return dockerFor(conn, opts.timeoutMs);
}

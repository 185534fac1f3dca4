import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { RemoteError } from './errors';
import { isStopping } from './lifecycle';
import { connectionFor } from './pool';

// An http.Agent that reaches host:port as the remote host sees it (e.g. a container's web port on
// 127.0.0.1:7860) through the host's pooled SSH connection. Each new socket resolves the host's pooled
// connection again, so a long-lived agent follows a re-pinned or edited host. Values are validated here.

const HOSTNAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;
const TCP_SOCKETS = 4;
const agents = new Map<string, http.Agent>();

export function tcpAgent(hostId: string, host: string, port: number): http.Agent {
  if (!(net.isIP(host) !== 0 || HOSTNAME_RE.test(host))) {
    throw new RemoteError('invalid', hostId, `not a host name or address: ${JSON.stringify(host)}`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RemoteError('invalid', hostId, `port must be 1-65535 (got ${port})`);
  }
  const key = `${hostId}|${host}|${port}`;
  const cached = agents.get(key);
  if (cached) return cached;
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: TCP_SOCKETS,
    maxFreeSockets: TCP_SOCKETS,
  });
  (agent as unknown as { createConnection: unknown }).createConnection = (
    _o: unknown,
    cb: (e: Error | null, s?: Duplex) => void,
  ) => {
    (isStopping()
      ? Promise.reject(new RemoteError('unreachable', hostId, 'the console is stopping'))
      : connectionFor(hostId)
    )
      .then((conn) => conn.openTcp(host, port))
      .then(
        (s) => cb(null, s),
        (e: Error) => cb(e),
      );
    return undefined;
  };
  agents.set(key, agent);
  return agent;
}

export function closeTcpAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

import { NotFoundError } from '../auth/errors';
import { getConnectTarget, recordSeenFingerprint } from '../hosts/service';
import { HostConnection, type ConnectionCounters } from './connection';
import { rememberHostName } from './host-names';

// hostId → its one HostConnection. The host's row is re-read on every use (a cheap local query), and a
// connection whose address, user, key or pinned fingerprint changed since it was opened is replaced, so
// an edit or re-pin by the web UI or the CLI takes effect on the next call without any signalling.

interface Entry {
  conn: HostConnection;
  counters: ConnectionCounters;
}

const pool = new Map<string, Entry>();
const counters = new Map<string, ConnectionCounters>();

function countersFor(hostId: string): ConnectionCounters {
  let c = counters.get(hostId);
  if (!c) {
    c = { opened: 0, channels: 0, lastError: null };
    counters.set(hostId, c);
  }
  return c;
}

export async function connectionFor(hostId: string): Promise<HostConnection> {
  const target = await getConnectTarget(hostId);
  const existing = pool.get(hostId);
  if (!target) {
    existing?.conn.close();
    pool.delete(hostId);
    throw new NotFoundError(`host ${hostId}`);
  }
  rememberHostName(hostId, target.name);
  if (existing && existing.conn.target.version === target.version) return existing.conn;
  existing?.conn.close();
  const c = countersFor(hostId);
  if (existing) c.lastError = null; // settings changed: the old failure says nothing about the new ones
  const conn = new HostConnection(target, c, { onHostKeySeen: (fp) => recordSeenFingerprint(hostId, fp) });
  pool.set(hostId, { conn, counters: c });
  return conn;
}

export interface HostConnectionStats {
  hostId: string;
  name: string | null;
  /** SSH connections opened to this host since the console started (handshakes attempted). */
  connectionsOpened: number;
  /** SSH channels opened on those connections (commands, Docker API sockets, TCP forwards). */
  channelsOpened: number;
  connected: boolean;
  execInFlight: number;
  execQueued: number;
  lastError: string | null;
}

export function poolStats(): HostConnectionStats[] {
  return [...counters.entries()].map(([hostId, c]) => {
    const conn = pool.get(hostId)?.conn;
    return {
      hostId,
      name: conn?.target.name ?? null,
      connectionsOpened: c.opened,
      channelsOpened: c.channels,
      connected: conn?.connected ?? false,
      execInFlight: conn?.execSlots.inUse ?? 0,
      execQueued: conn?.execSlots.queued ?? 0,
      lastError: c.lastError?.message ?? null,
    };
  });
}

/** Closes every connection (CLI exit, tests, server shutdown). Counters are kept. */
export function closeAll(): void {
  for (const e of pool.values()) e.conn.close();
  pool.clear();
}

/** Forgets counters too; for tests that assert on connection counts. */
export function resetPool(): void {
  closeAll();
  counters.clear();
}

import { NotFoundError } from '../errors';
import { sshHostKeyRecheckMs, sshMaxAgeMs } from '../config';
import { getConnectTarget, onHostChanged, recordSeenFingerprint } from '../hosts/service';
import { HostConnection, type ConnectionCounters } from './connection';
import { rememberHostName } from './host-names';
import { presentedFingerprint } from './probe-host-key';

// hostId → its one HostConnection. The host's row is re-read on every use (a cheap local query), and a
// connection whose host was edited since it was opened is replaced, so an edit or re-pin by the CLI takes effect
// on the next call; an edit in this process closes the connection at once. A connection in use is also replaced
// after a maximum age, and its host key is checked again with a fresh handshake every few minutes: a key changed
// under a live connection (which SSH itself never notices) stops all use of the host within that bound.

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
  if (existing && existing.conn.target.version === target.version) {
    if (Date.now() - existing.conn.createdAt < sshMaxAgeMs()) {
      recheckHostKey(hostId, existing.conn);
      return existing.conn;
    }
    existing.conn.retire(); // aged out: new calls get a new connection, calls under way finish on this one
  } else existing?.conn.close();
  const c = countersFor(hostId);
  if (existing) c.lastError = null; // settings changed: the old failure says nothing about the new ones
  const conn = new HostConnection(target, c, {
    onHostKeySeen: (fp) => recordSeenFingerprint(hostId, fp),
  });
  pool.set(hostId, { conn, counters: c });
  return conn;
}

const rechecking = new WeakSet<HostConnection>();

/** In the background, at most one at a time per connection: does the host still present the pinned key? */
function recheckHostKey(hostId: string, conn: HostConnection): void {
  if (
    !conn.connected ||
    rechecking.has(conn) ||
    Date.now() - conn.keyCheckedAt < sshHostKeyRecheckMs()
  )
    return;
  rechecking.add(conn);
  void presentedFingerprint(conn.target)
    .then(async (seen) => {
      if (seen === conn.target.pinnedFingerprint) conn.keyCheckedAt = Date.now();
      else {
        conn.hostKeyChanged(seen);
        await recordSeenFingerprint(hostId, seen).catch(() => undefined);
      }
    })
    // Not answering a handshake is the keepalives' business; the check runs again next time.
    .catch(() => undefined)
    .finally(() => rechecking.delete(conn));
}

/** Closes a host's connection at once (it was edited, re-pinned or removed here). */
export function closeHost(hostId: string): void {
  pool.get(hostId)?.conn.close();
  pool.delete(hostId);
}

onHostChanged(closeHost);

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

import http from 'node:http';
import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ClientChannel } from 'ssh2';
import { sshConnectTimeoutMs } from '../config';
import type { HostConnectTarget } from '../hosts/service';
import { RemoteError } from './errors';
import { fingerprintOf } from './fingerprint';
import { Semaphore } from './semaphore';
import { asSocket } from './socket-shim';

// One SSH connection to one host, opened lazily and shared by every command, Docker call and port
// forward to that host. The host key is verified on every handshake against the pinned fingerprint;
// an unpinned host is never authenticated to.

export const EXEC_CHANNELS = 6; // below OpenSSH's default MaxSessions (10)
export const DOCKER_SOCKETS = 6;
const BACKOFF_MAX_MS = 30_000;
// A host that stops answering on an open connection (hung sshd, frozen VM, a middlebox that black-holes it) sends no
// FIN or RST: only SSH keepalives find it. One every KEEPALIVE_MS, and the connection is dropped once
// KEEPALIVE_MISSES of them in a row go unanswered: 6–9 s after the host went quiet. That is below the 15 s deadline of
// a remote call, so a call on a hung connection fails as "connection lost" and the job's rollback (and the next call)
// reconnects, instead of timing out and rolling back on the same hung connection (found by test/faults/ssh-hang:
// with 10 s × 3 a hang took 30–40 s to find, and batch-size ended "rollback failed" after its calls timed out).
export const KEEPALIVE_MS = 3_000;
export const KEEPALIVE_MISSES = 2;

export interface ConnectionCounters {
  opened: number;
  /** Channels opened (commands, Docker socket streams, TCP forwards): lets tests prove a refused call made none. */
  channels: number;
  lastError: RemoteError | null;
}

export interface ConnectionHooks {
  onHostKeySeen(fingerprint: string): Promise<void>;
}

export class HostConnection {
  readonly execSlots = new Semaphore(EXEC_CHANNELS);
  readonly createdAt = Date.now();
  /** When the host key was last seen to match the pin (a handshake of this connection, or a re-check). */
  keyCheckedAt = 0;
  /** Set when a re-check saw another key: every use of this connection fails with it from then on. */
  private keyChanged: RemoteError | null = null;
  private retireTimer: NodeJS.Timeout | null = null;
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private failures = 0;
  private retryAt = 0;
  private closed = false;
  private agents: http.Agent[] = [];
  /** Why a connection that was up went away: what the calls that were using it fail with. */
  private readonly lostWhy = new WeakMap<Client, RemoteError>();
  /** Channels handed out as sockets, per connection, to fail them with that reason. */
  private readonly sockets = new Map<Client, Set<Duplex>>();

  constructor(
    readonly target: HostConnectTarget,
    readonly counters: ConnectionCounters,
    private readonly hooks: ConnectionHooks,
  ) {}

  get connected(): boolean {
    return this.client !== null;
  }

  /** The live client, connecting (or reconnecting after a drop) when needed. Fails fast during back-off. */
  async get(): Promise<Client> {
    if (this.keyChanged) throw this.keyChanged;
    if (this.closed)
      throw new RemoteError(
        'unreachable',
        this.target.name,
        'connection closed (host settings changed or console stopping)',
      );
    if (this.client) return this.client;
    if (this.connecting) return this.connecting;
    const last = this.counters.lastError;
    if (last && Date.now() < this.retryAt) throw last;
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private connect(): Promise<Client> {
    const t = this.target;
    if (!t.privateKey)
      return Promise.reject(new RemoteError('auth', t.name, 'no private key stored for this host'));
    const timeoutMs = sshConnectTimeoutMs();
    let verdict: { kind: 'hostkey_unknown' | 'hostkey_mismatch'; seen: string } | null = null;
    return new Promise<Client>((resolve, reject) => {
      const c = new ssh2.Client();
      this.counters.opened++;
      let ready = false;
      let failed = false;
      let why = 'the host closed it';
      c.on('ready', () => {
        if (this.closed) {
          c.end(); // replaced or shut down while the handshake ran
          reject(
            new RemoteError(
              'unreachable',
              t.name,
              'connection closed (host settings changed or console stopping)',
            ),
          );
          return;
        }
        ready = true;
        this.keyCheckedAt = Date.now();
        this.failures = 0;
        this.counters.lastError = null;
        this.client = c;
        resolve(c);
      });
      c.on('error', (err: Error & { level?: string; code?: string }) => {
        // A drop of an established connection is not a failed attempt: the next call reconnects at once.
        if (ready)
          why =
            err.level === 'client-timeout'
              ? `${t.address}:${t.port} stopped answering (no reply to SSH keepalives)`
              : (err.code ?? err.message);
        if (ready || failed) return;
        failed = true;
        const e = this.classify(err, verdict, timeoutMs);
        this.failures++;
        this.retryAt = Date.now() + Math.min(BACKOFF_MAX_MS, 1000 * 2 ** (this.failures - 1));
        this.counters.lastError = e;
        c.end();
        // The seen fingerprint is stored before the caller hears of the refusal, so it can show it at once.
        const seen = verdict
          ? this.hooks.onHostKeySeen(verdict.seen).catch(() => undefined)
          : Promise.resolve();
        void seen.then(() => reject(e));
      });
      c.on('close', () => {
        if (this.client === c) this.client = null;
        if (ready)
          this.lost(
            c,
            this.closed
              ? 'connection closed (host settings changed or console stopping)'
              : `SSH connection lost: ${why}`,
          );
        // Closed before 'ready' without an 'error' (ssh2 normally sends one): never leave the caller waiting.
        if (!ready && !failed)
          reject(
            new RemoteError(
              'unreachable',
              t.name,
              `connection to ${t.address}:${t.port} closed during the handshake`,
            ),
          );
      });
      c.connect({
        host: t.address,
        port: t.port,
        username: t.user,
        privateKey: t.privateKey ?? undefined,
        readyTimeout: timeoutMs,
        keepaliveInterval: KEEPALIVE_MS,
        keepaliveCountMax: KEEPALIVE_MISSES,
        // Raw key in, decision out: runs during the key exchange, before any authentication.
        hostVerifier: (key: Buffer) => {
          const seen = fingerprintOf(key);
          if (!t.pinnedFingerprint) verdict = { kind: 'hostkey_unknown', seen };
          else if (seen !== t.pinnedFingerprint) verdict = { kind: 'hostkey_mismatch', seen };
          return verdict === null;
        },
      });
    });
  }

  private classify(
    err: Error & { level?: string; code?: string },
    verdict: { kind: 'hostkey_unknown' | 'hostkey_mismatch'; seen: string } | null,
    timeoutMs: number,
  ): RemoteError {
    const t = this.target;
    if (verdict?.kind === 'hostkey_unknown') {
      return new RemoteError(
        'hostkey_unknown',
        t.name,
        `host key not confirmed yet: the host presented ${verdict.seen}; an admin must accept it`,
        { seenFingerprint: verdict.seen },
      );
    }
    if (verdict?.kind === 'hostkey_mismatch') {
      return new RemoteError(
        'hostkey_mismatch',
        t.name,
        `HOST KEY MISMATCH: pinned ${t.pinnedFingerprint}, but the host presented ${verdict.seen}; connection refused (re-pin only if the host was really reinstalled)`,
        { seenFingerprint: verdict.seen, pinnedFingerprint: t.pinnedFingerprint ?? undefined },
      );
    }
    if (err.level === 'client-authentication') {
      return new RemoteError(
        'auth',
        t.name,
        `the host refused the key for user ${t.user} (authorized_keys?)`,
      );
    }
    if (err.level === 'client-timeout' || /timed out/i.test(err.message)) {
      return new RemoteError(
        'unreachable',
        t.name,
        `no SSH handshake from ${t.address}:${t.port} within ${timeoutMs} ms`,
      );
    }
    return new RemoteError(
      'unreachable',
      t.name,
      `cannot reach ${t.address}:${t.port}: ${err.code ?? err.message}`,
    );
  }

  // ssh2 emits the client's 'close' before it ends the open channels and fails the pending opens ("No response from
  // server"): the reason is known first, and each of them gets it. A channel in use gets it as an error, as a TCP
  // socket reset under it would: an HTTP request then fails naming it (not "socket hang up"), and an attached exec
  // stream fails instead of ending as if its command had (its output lost, its exit status read as done).
  private lost(c: Client, why: string | RemoteError): void {
    if (this.lostWhy.has(c)) return; // the first reason stands (a key change, then the close it causes)
    const e = typeof why === 'string' ? new RemoteError('unreachable', this.target.name, why) : why;
    this.lostWhy.set(c, e);
    if (!this.closed) this.counters.lastError = e;
    const open = this.sockets.get(c);
    this.sockets.delete(c);
    for (const s of open ?? []) if (s.listenerCount('error') > 0) s.emit('error', e);
  }

  private socketOf(c: Client, ch: Duplex): Duplex {
    let set = this.sockets.get(c);
    if (!set) this.sockets.set(c, (set = new Set()));
    set.add(ch);
    ch.once('close', () => set.delete(ch));
    return asSocket(ch);
  }

  /** A fresh channel to a Unix socket on the host (OpenSSH streamlocal forwarding). */
  async openStreamLocal(socketPath: string): Promise<Duplex> {
    const c = await this.get();
    this.counters.channels++;
    return new Promise((resolve, reject) => {
      c.openssh_forwardOutStreamLocal(socketPath, (err, ch) => {
        if (err)
          reject(
            this.lostWhy.get(c) ??
              new RemoteError(
                'docker',
                this.target.name,
                `the host's Docker engine does not answer (cannot open ${socketPath}: ${err.message})`,
              ),
          );
        else resolve(this.socketOf(c, ch));
      });
    });
  }

  /** A fresh channel to host:port as seen from the remote host (direct-tcpip). */
  async openTcp(host: string, port: number): Promise<Duplex> {
    const c = await this.get();
    this.counters.channels++;
    return new Promise((resolve, reject) => {
      c.forwardOut('127.0.0.1', 0, host, port, (err, ch) => {
        if (err)
          reject(
            this.lostWhy.get(c) ??
              new RemoteError(
                'unreachable',
                this.target.name,
                `cannot reach ${host}:${port} from the host: ${err.message}`,
              ),
          );
        else resolve(this.socketOf(c, ch));
      });
    });
  }

  async execChannel(command: string): Promise<ClientChannel> {
    const c = await this.get();
    this.counters.channels++;
    return new Promise((resolve, reject) => {
      c.exec(command, (err, ch) =>
        err
          ? reject(
              this.lostWhy.get(c) ??
                new RemoteError(
                  'unreachable',
                  this.target.name,
                  `cannot start a command: ${err.message}`,
                ),
            )
          : resolve(ch),
      );
    });
  }

  /** A keep-alive http.Agent whose sockets are channels of this connection (Docker socket or a TCP port). */
  agent(open: () => Promise<Duplex>, maxSockets: number, keepAlive = true): http.Agent {
    const agent = new http.Agent({
      keepAlive,
      maxSockets,
      maxFreeSockets: keepAlive ? maxSockets : 0,
    });
    (agent as unknown as { createConnection: unknown }).createConnection = (
      _opts: unknown,
      cb: (err: Error | null, s?: Duplex) => void,
    ) => {
      open().then(
        (s) => cb(null, s),
        (err: Error) => cb(err),
      );
      return undefined;
    };
    this.agents.push(agent);
    return agent;
  }

  /** Sockets of this connection's HTTP agents: in use, idle, and requests waiting for one (for timeout messages). */
  agentLoad(): string {
    const n = (o: Record<string, unknown[] | undefined>) =>
      Object.values(o).reduce((s, x) => s + (x?.length ?? 0), 0);
    return this.agents
      .map(
        (a) =>
          `${n(a.sockets as never)} busy/${n(a.freeSockets as never)} idle/${n(a.requests as never)} waiting`,
      )
      .join(', ');
  }

  /** Why every use of this connection is refused (its host key changed while it was open), if so. */
  get refusal(): RemoteError | null {
    return this.keyChanged;
  }

  /** Channels in use now (commands, Docker streams, forwards): a retiring connection closes once there are none. */
  get busy(): boolean {
    return this.execSlots.inUse > 0 || [...this.sockets.values()].some((set) => set.size > 0);
  }

  /**
   * A re-check saw a key other than the pinned one: the live connection (made with the old key) is dropped, every
   * channel on it fails, and every later call fails with the same refusal until an admin re-pins (a new connection).
   */
  hostKeyChanged(seen: string): void {
    const t = this.target;
    this.keyChanged = new RemoteError(
      'hostkey_mismatch',
      t.name,
      `HOST KEY MISMATCH: pinned ${t.pinnedFingerprint}, but the host now presents ${seen} (changed while connected); all use of this host stopped (re-pin only if the host was really reinstalled)`,
      { seenFingerprint: seen, pinnedFingerprint: t.pinnedFingerprint ?? undefined },
    );
    this.counters.lastError = this.keyChanged;
    const c = this.client;
    if (c) this.lost(c, this.keyChanged);
    this.close();
  }

  /** Replaced by a newer connection: closes once its channels are done (at most `graceMs` later). */
  retire(graceMs = 10 * 60_000): void {
    if (this.retireTimer || this.closed) return;
    const until = Date.now() + graceMs;
    this.retireTimer = setInterval(() => {
      if (this.busy && Date.now() < until) return;
      this.close();
    }, 1000);
    this.retireTimer.unref();
  }

  close(): void {
    if (this.retireTimer) clearInterval(this.retireTimer);
    this.retireTimer = null;
    this.closed = true;
    for (const a of this.agents) a.destroy();
    this.agents = [];
    this.client?.end();
    this.client = null;
  }
}

// The server's probe scheduler: one loop per host, each probing its host every interval and never overlapping
// itself (the next round is scheduled when the last one ends), so a hung host slows only its own loop. The
// latest report of every container stays in memory for the pages; each round is also stored as a sample.
import { listHosts } from '@/lib/hosts/service';
import { heldContainers } from '@/lib/locks/container-lock';
import type { ContainerReport } from '@/lib/probes/container';
import type { ProbeIssue } from '@/lib/remote/issues';
import { remoteProbeTransport } from '@/lib/probes/remote-transport';
import { ProbeState, probeHost, type HostProbeReport } from '@/lib/probes/run';
import type { ProbeTransport } from '@/lib/probes/transport';
import { compactEveryMs, hostRoundTimeoutMs, probeIntervalMs } from './config';
import { roundOf } from './round';
import { startEventLoopMonitor } from './event-loop';
import { compactSamples, recordRound } from './samples';

export interface HostRoundStatus {
  hostId: string;
  ok: boolean;
  error?: string;
  issue?: ProbeIssue;
  at: string;
  elapsedMs: number;
  rounds: number;
  /** Start and end (ms) of the last rounds, oldest first: shows the loop's cadence and that rounds never overlap. */
  recent: { start: number; end: number }[];
}

interface HostLoop {
  timer: NodeJS.Timeout | null;
  inFlight: boolean;
  stopped: boolean;
}

export class HealthScheduler {
  readonly reports = new Map<string, ContainerReport>();
  readonly hosts = new Map<string, HostRoundStatus>();
  /** Rounds that overlapped a running round of the same host: stays 0 by construction (tests check it). */
  overlaps = 0;
  storeErrors = 0;
  lastStoreError: string | null = null;
  private readonly loops = new Map<string, HostLoop>();
  private readonly state = new ProbeState();
  private reconcileTimer: NodeJS.Timeout | null = null;
  private lastCompact = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly transport: ProbeTransport = remoteProbeTransport(),
    readonly intervalMs = probeIntervalMs(),
  ) {}

  static key(hostId: string, name: string): string {
    return `${hostId}/${name}`;
  }

  get started(): boolean {
    return this.reconcileTimer !== null;
  }

  start(): void {
    if (this.reconcileTimer) return;
    // The host list is re-read every interval: hosts added or removed in the UI gain or lose their loop.
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.intervalMs);
    this.reconcileTimer.unref();
    void this.reconcile();
  }

  stop(): void {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.reconcileTimer = null;
    for (const id of [...this.loops.keys()]) this.stopLoop(id);
  }

  containersOf(hostId: string): ContainerReport[] {
    return [...this.reports.values()].filter((r) => r.hostId === hostId);
  }

  /** Resolves after the next round of any host ends (or at the deadline): for polling without sleeps. */
  nextRound(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private async reconcile(): Promise<void> {
    let ids: string[];
    try {
      ids = (await listHosts()).map((h) => h.id);
    } catch {
      return; // the store is unavailable this tick; the loops keep going and the next tick retries
    }
    for (const id of ids) if (!this.loops.has(id)) this.startLoop(id);
    for (const id of [...this.loops.keys()]) {
      if (ids.includes(id)) continue;
      this.stopLoop(id);
      this.hosts.delete(id);
      for (const r of this.containersOf(id))
        this.reports.delete(HealthScheduler.key(id, r.container.name));
      this.state.forgetHost(id);
    }
  }

  private startLoop(hostId: string): void {
    const loop: HostLoop = { timer: null, inFlight: false, stopped: false };
    this.loops.set(hostId, loop);
    const tick = async () => {
      if (loop.stopped) return;
      if (loop.inFlight) {
        this.overlaps++;
        return;
      }
      loop.inFlight = true;
      const started = Date.now();
      try {
        await this.ingest(
          await probeHost(this.transport, hostId, this.state, {
            hostTimeoutMs: hostRoundTimeoutMs(),
          }),
          started,
        );
      } finally {
        loop.inFlight = false;
        if (!loop.stopped) {
          loop.timer = setTimeout(
            () => void tick(),
            Math.max(0, this.intervalMs - (Date.now() - started)),
          );
          loop.timer.unref();
        }
      }
    };
    void tick();
  }

  private stopLoop(hostId: string): void {
    const loop = this.loops.get(hostId);
    if (!loop) return;
    loop.stopped = true;
    if (loop.timer) clearTimeout(loop.timer);
    this.loops.delete(hostId);
  }

  private async ingest(r: HostProbeReport, started: number): Promise<void> {
    if (!this.loops.has(r.hostId)) return; // removed while its round ran
    const prev = this.hosts.get(r.hostId);
    this.hosts.set(r.hostId, {
      hostId: r.hostId,
      ok: r.ok,
      ...(r.error ? { error: r.error } : {}),
      ...(r.issue ? { issue: r.issue } : {}),
      at: new Date().toISOString(),
      elapsedMs: r.elapsedMs,
      rounds: (prev?.rounds ?? 0) + 1,
      recent: [...(prev?.recent ?? []).slice(-19), { start: started, end: Date.now() }],
    });
    // A failed round keeps the last reports (shown as stale); a good one replaces the host's whole list.
    if (r.ok) {
      const held = await heldContainers().catch(() => new Map<string, string>());
      const fresh = new Map(r.containers.map((c) => [c.container.name, c]));
      for (const old of this.containersOf(r.hostId)) {
        const name = old.container.name;
        const jobId = held.get(`${r.hostId}/${name}`);
        // Being re-created or restarted by a job: a state, not an error; the last good values stay, marked as such.
        if (jobId && (!fresh.has(name) || !fresh.get(name)!.probe))
          fresh.set(name, inTransition(old, fresh.get(name), jobId));
        else if (!fresh.has(name)) this.reports.delete(HealthScheduler.key(r.hostId, name));
      }
      for (const c of fresh.values()) {
        const jobId = held.get(`${r.hostId}/${c.container.name}`);
        this.reports.set(
          HealthScheduler.key(r.hostId, c.container.name),
          c.transition || !jobId ? c : { ...c, busy: busyOf(jobId) },
        );
      }
      for (const c of r.containers) if (c.probe) await this.store(() => recordRound(roundOf(c)));
    }
    if (Date.now() - this.lastCompact >= compactEveryMs()) {
      this.lastCompact = Date.now();
      await this.store(() => compactSamples(Math.floor(Date.now() / 1000)));
    }
    for (const w of [...this.waiters]) w();
  }

  // Sampling is secondary: a full disk or a locked database must not stop the live view.
  private async store(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.storeErrors++;
      this.lastStoreError = err instanceof Error ? err.message : String(err);
    }
  }
}

function busyOf(holderId: string): NonNullable<ContainerReport['busy']> {
  return { id: holderId, kind: holderId.startsWith('t-') ? 'test' : 'job' };
}

/** The last good report of a container a job is changing, held while the job runs (its reads fail meanwhile). */
function inTransition(
  last: ContainerReport,
  now: ContainerReport | undefined,
  holderId: string,
): ContainerReport {
  const since = last.transition?.since ?? now?.at ?? new Date().toISOString();
  return {
    ...last,
    busy: busyOf(holderId),
    transition: { since, valuesAt: last.transition?.valuesAt ?? last.at },
    errors: now?.errors ?? [],
  };
}

// One scheduler per server process, wherever Next bundles the modules that ask for it.
const KEY = Symbol.for('dh-fleet-console.health-scheduler');
type Holder = { [KEY]?: HealthScheduler };

/** The process's scheduler, started on first use. */
export function healthScheduler(): HealthScheduler {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    startEventLoopMonitor();
    g[KEY] = new HealthScheduler();
    g[KEY].start();
  }
  return g[KEY];
}

/** For tests: stop and forget the process's scheduler. */
export function resetHealthScheduler(): void {
  const g = globalThis as Holder;
  g[KEY]?.stop();
  delete g[KEY];
}

// What is measured around a run with the console's own probes (lib/probes): the container's state before it
// (ORT version, shm, batch size, hook, providers), GPU utilisation of that container during it, and the log
// signatures that appeared while it ran (a first probe sets the log cursors; the hits of a second are new lines).
// Every remote read has a deadline and stops when the run is stopped (run-transport.ts).
import { ContainerWatch, probeContainer, type ContainerReport } from '@/lib/probes/container';
import { issueText } from '@/lib/remote/issues';
import { gpuForContainer, probeHostGpu } from '@/lib/probes/gpu';
import type { SignatureId } from '@/lib/diagnosis/signatures';
import { runTransport } from './run-transport';

export interface ContainerState {
  containerId: string;
  ortVersion: string | null;
  sessionProviders: string[] | null;
  shmBytes: number | null;
  batchSize: number | null;
  hookInstalled: boolean | null;
  sessionOptionsApplied: boolean | null;
  env: { ORT_PARALLEL: string | null; OMP_WAIT_POLICY: string | null } | null;
  port: number | null;
}

export interface GpuSample {
  t: number;
  utilPct: number | null;
  memMiB: number;
}

export type Signatures = Partial<Record<SignatureId, { count: number; taskIds: string[] }>>;

/** Deadline of each remote read (one exec of the probe script, one Docker API call, one nvidia-smi). */
export const READ_TIMEOUT_MS = 30_000;
const GPU_EVERY_MS = 1_000;
/** How long stopping waits for the first sample still under way: a short run gets one sample, not none. */
export const FIRST_SAMPLE_WAIT_MS = 5_000;

export class RunObserver {
  private readonly watch = new ContainerWatch();
  private readonly sampler = new AbortController();
  private loop: Promise<void> | null = null;
  private firstSample: (() => void) | null = null;
  private readonly sampled = new Promise<void>((resolve) => {
    this.firstSample = resolve;
  });
  readonly gpu: GpuSample[] = [];
  gpuNote: string | null = null;

  constructor(
    private readonly hostId: string,
    private readonly container: string,
  ) {}

  private probe(signal: AbortSignal): Promise<ContainerReport> {
    return probeContainer(
      runTransport(signal),
      this.hostId,
      { id: this.container, name: this.container },
      this.watch,
      null,
      READ_TIMEOUT_MS,
    );
  }

  /** The state now; the log hits this first probe reads are history, not this run's. */
  async before(signal: AbortSignal): Promise<ContainerState> {
    const r = await this.probe(signal);
    signal.throwIfAborted();
    if (!r.details)
      throw new Error(
        `cannot read the state of ${this.container}: ${r.errors.map(issueText).join('; ')}`,
      );
    if (!r.details.running) throw new Error(`container ${this.container} is not running`);
    if (!r.probe)
      throw new Error(
        `cannot read the state of ${this.container}: ${r.errors.map(issueText).join('; ')}`,
      );
    const f = r.facts;
    return {
      containerId: r.details.id,
      ortVersion: f.ortVersion,
      sessionProviders: f.sessionProviders,
      shmBytes: f.shmBytes,
      batchSize: f.batchSize,
      hookInstalled: f.hookInstalled,
      sessionOptionsApplied: f.sessionOptionsApplied,
      env: f.env,
      port: f.port,
    };
  }

  /** GPU samples about once a second until stopped (each sample waits for the last: never two at once). */
  startGpu(containerId: string, t0: number, runSignal: AbortSignal): void {
    const signal = AbortSignal.any([runSignal, this.sampler.signal]);
    const t = runTransport(signal);
    this.loop = (async () => {
      while (!signal.aborted) {
        const started = Date.now();
        try {
          const host = await probeHostGpu(t, this.hostId, READ_TIMEOUT_MS);
          if (!host.available) {
            this.gpuNote = host.reason;
            return;
          }
          const g = gpuForContainer(host, containerId);
          this.gpu.push({ t: Date.now() - t0, utilPct: g.utilPct, memMiB: g.memUsedMiB });
          this.firstSample?.();
        } catch (err) {
          if (signal.aborted) return;
          this.gpuNote = err instanceof Error ? err.message : String(err);
          this.firstSample?.();
        }
        await nextTick(signal, Math.max(0, GPU_EVERY_MS - (Date.now() - started)));
      }
    })().finally(() => this.firstSample?.());
  }

  /**
   * Stops sampling: at once when a sample exists (an nvidia-smi under way is abandoned); a run shorter than the first
   * sample waits for it, up to FIRST_SAMPLE_WAIT_MS, so that a short run still says what the GPU did.
   */
  async stopGpu(): Promise<void> {
    if (this.loop && this.gpu.length === 0 && this.gpuNote === null) {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, FIRST_SAMPLE_WAIT_MS);
      });
      await Promise.race([this.sampled, bound]);
      clearTimeout(timer);
    }
    this.sampler.abort();
    await this.loop;
  }

  /** Signature hits in log lines written since before(): id → count, with their task ids. */
  async after(signal: AbortSignal): Promise<Signatures> {
    const r = await this.probe(signal);
    if (!r.probe && r.errors.length)
      throw new Error(`cannot read the log signatures: ${r.errors.map(issueText).join('; ')}`);
    const out: Signatures = {};
    for (const h of r.newHits) {
      const e = (out[h.signature] ??= { count: 0, taskIds: [] });
      e.count++;
      if (h.taskId && !e.taskIds.includes(h.taskId)) e.taskIds.push(h.taskId);
    }
    return out;
  }
}

/** The sampling cadence: resolves after `ms`, or at once when `signal` aborts. */
function nextTick(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

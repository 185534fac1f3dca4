// Probes every service container of every host. Hosts run in parallel up to a bound, each under its own deadline,
// so a slow or unreachable host delays nobody; containers of one host share its pooled connection.
import { probeHostGpu } from './gpu';
import { ContainerWatch, probeContainer, type ContainerReport } from './container';
import { probeIssue, type ProbeIssue } from '@/lib/remote/issues';
import type { ProbeTransport } from './transport';
import type { HostGpu } from './types';

export interface HostProbeReport {
  hostId: string;
  ok: boolean;
  error?: string;
  /** Why the round failed, as a named state (host key changed, unreachable, ...). */
  issue?: ProbeIssue;
  gpu: HostGpu | null;
  containers: ContainerReport[];
  elapsedMs: number;
}

export interface ProbeRunOptions {
  hostConcurrency?: number;
  containerConcurrency?: number;
  hostTimeoutMs?: number;
  callTimeoutMs?: number;
}

/** Watches survive between rounds (log offsets, scanners), keyed by host and container id. */
export class ProbeState {
  private readonly watches = new Map<string, ContainerWatch>();
  watch(hostId: string, containerId: string): ContainerWatch {
    const key = `${hostId}/${containerId}`;
    let w = this.watches.get(key);
    if (!w) this.watches.set(key, (w = new ContainerWatch()));
    return w;
  }

  /** Drops the watches of this host's containers that are gone (removed, or re-created under a new id). */
  retain(hostId: string, containerIds: Iterable<string>): void {
    const keep = new Set([...containerIds].map((id) => `${hostId}/${id}`));
    for (const key of this.watches.keys())
      if (key.startsWith(`${hostId}/`) && !keep.has(key)) this.watches.delete(key);
  }

  /** Drops every watch of a host (removed from the inventory). */
  forgetHost(hostId: string): void {
    this.retain(hostId, []);
  }

  get size(): number {
    return this.watches.size;
  }
}

export async function mapBounded<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function probeHost(
  t: ProbeTransport,
  hostId: string,
  state: ProbeState,
  o: ProbeRunOptions = {},
): Promise<HostProbeReport> {
  const started = Date.now();
  const callTimeoutMs = o.callTimeoutMs ?? 20_000;
  const hostTimeoutMs = o.hostTimeoutMs ?? 45_000;
  let timer: NodeJS.Timeout | undefined;
  const work = (async () => {
    const [containers, gpu] = await Promise.all([
      t.listServiceContainers(hostId, callTimeoutMs),
      probeHostGpu(t, hostId, callTimeoutMs).catch(
        (e: unknown): HostGpu => ({ available: false, reason: `nvidia-smi: ${String(e)}` }),
      ),
    ]);
    state.retain(
      hostId,
      containers.map((c) => c.id),
    );
    const reports = await mapBounded(containers, o.containerConcurrency ?? 4, (c) =>
      probeContainer(t, hostId, c, state.watch(hostId, c.id), gpu, callTimeoutMs),
    );
    return { gpu, reports };
  })();
  try {
    const { gpu, reports } = await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${hostTimeoutMs} ms`)),
          hostTimeoutMs,
        );
      }),
    ]);
    return { hostId, ok: true, gpu, containers: reports, elapsedMs: Date.now() - started };
  } catch (err) {
    work.catch(() => undefined); // settles later; nobody waits for it
    const issue = probeIssue('host', err);
    return {
      hostId,
      ok: false,
      error: issue.detail,
      issue,
      gpu: null,
      containers: [],
      elapsedMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function probeFleet(
  t: ProbeTransport,
  hostIds: string[],
  state: ProbeState,
  o: ProbeRunOptions = {},
): Promise<HostProbeReport[]> {
  return mapBounded(hostIds, o.hostConcurrency ?? 8, (id) => probeHost(t, id, state, o));
}

import { busyError, QueueFullError, Semaphore } from '@/lib/remote';
import type { JobPlan } from './types';

// A preview only reads, and the same plan asked for by many at once (tabs, operators, a retrying script) is read once:
// callers that find an identical preview under way wait for it and get its plan. Previews that differ are admitted per
// host, a few at a time, with a short queue with a deadline; beyond it the caller is told "busy" (HTTP 503 with
// Retry-After) at once instead of every preview of the host slowing down without limit.

export const PREVIEWS_PER_HOST = 2;
export const PREVIEW_QUEUE = 8;
export const PREVIEW_WAIT_MS = 5_000;

const inFlight = new Map<string, Promise<JobPlan>>();
const gates = new Map<string, Semaphore>();
let computed = 0;

/** Stable text of a JSON value, object keys sorted, so `{a, b}` and `{b, a}` name the same preview. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

async function admitted(hostId: string, compute: () => Promise<JobPlan>): Promise<JobPlan> {
  let gate = gates.get(hostId);
  if (!gate) gates.set(hostId, (gate = new Semaphore(PREVIEWS_PER_HOST, PREVIEW_QUEUE)));
  let release: () => void;
  try {
    release = await gate.acquire(AbortSignal.timeout(PREVIEW_WAIT_MS));
  } catch (err) {
    throw busyError(hostId, 'previews', err instanceof QueueFullError ? err.queued : gate.queued);
  }
  try {
    computed++;
    return await compute();
  } finally {
    release();
    if (gate.inUse === 0 && gate.queued === 0) gates.delete(hostId); // no gate kept per host id ever asked for
  }
}

/** The plan of the preview named `key` (see canonical), computed once however many ask while it is under way. */
export function sharedPreview(key: string, hostId: string, compute: () => Promise<JobPlan>): Promise<JobPlan> {
  const running = inFlight.get(key);
  if (running) return running;
  const p = admitted(hostId, compute).finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

/** Previews actually computed by this process (not shared): for tests and metrics. */
export function previewsComputed(): number {
  return computed;
}

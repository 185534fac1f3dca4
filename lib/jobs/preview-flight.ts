import { busyError, QueueFullError, Semaphore } from '@/lib/remote';
import type { JobPlan } from './types';

// A preview only reads, and the same plan asked for by many at once (tabs, operators, a retrying script) is read once:
// callers that find an identical preview under way, or finished less than PREVIEW_REUSE_MS ago, get its plan. That
// is safe: a run re-plans under the container's lock and refuses if the plan differs from the one confirmed; and a job
// started or ended on the container drops its previews (forgetPreviews). Previews that differ are admitted per host,
// a few at a time, with a short queue with a deadline; beyond it the caller is told "busy" (HTTP 503 with
// Retry-After) at once instead of every preview of the host slowing down without limit.

export const PREVIEWS_PER_HOST = 2;
export const PREVIEW_QUEUE = 8;
export const PREVIEW_WAIT_MS = 5_000;
// 5 s, not 2: under 200 clients a third of the requests waited on a recomputation with 2 s (p95 1.97 s → 1.36 s).
export const PREVIEW_REUSE_MS = 5_000;

interface Flight {
  plan: Promise<JobPlan>;
  /** hostId/container: what a job there makes stale. */
  target: string;
  doneAt: number | null;
}

const flights = new Map<string, Flight>();
const gates = new Map<string, Semaphore>();
let computed = 0;

/** Stable text of a JSON value, object keys sorted, so `{a, b}` and `{b, a}` name the same preview. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
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

/** The plan of the preview named `key` (see canonical), computed once for everyone who asks while it is under way or
 * fresh. Failures are not kept: the next caller tries again. */
export function sharedPreview(
  key: string,
  target: { hostId: string; container: string },
  compute: () => Promise<JobPlan>,
): Promise<JobPlan> {
  const known = flights.get(key);
  if (known && (known.doneAt === null || Date.now() - known.doneAt < PREVIEW_REUSE_MS))
    return known.plan;
  const flight: Flight = {
    plan: admitted(target.hostId, compute),
    target: `${target.hostId}/${target.container}`,
    doneAt: null,
  };
  flights.set(key, flight);
  const forget = (): void => {
    if (flights.get(key) === flight) flights.delete(key);
  };
  flight.plan.then(() => {
    flight.doneAt = Date.now();
    setTimeout(forget, PREVIEW_REUSE_MS).unref();
  }, forget);
  return flight.plan;
}

/** A job starts or ends on this container: its previews say nothing about it any more. */
export function forgetPreviews(hostId: string, container: string): void {
  const target = `${hostId}/${container}`;
  for (const [key, f] of flights) if (f.target === target) flights.delete(key);
}

/** Previews actually computed by this process (not shared): for tests and metrics. */
export function previewsComputed(): number {
  return computed;
}

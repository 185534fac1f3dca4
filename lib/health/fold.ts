// Pure folding of probe rounds into minute buckets and of minutes into hours. Kept apart from the store so the
// retention rules are unit-testable without a database.
export const MINUTE = 60;
export const HOUR = 3600;
/** A sample id packs series and time: series * 2^32 + unix seconds (see migration 020). */
export const SERIES_SPAN = 2 ** 32;

export const HEALTH_LEVEL = { healthy: 0, degraded: 1, blocking: 2 } as const;
export type HealthName = keyof typeof HEALTH_LEVEL;

/** One stored bucket. `rounds` is how many probe rounds it folds; `gpuUtil` is their mean over rounds with a value. */
export interface Bucket {
  t: number;
  health: number | null;
  gpuUtil: number | null;
  gpuUtilMax: number | null;
  gpuMemMiB: number | null;
  queueFull: number;
  hits: number;
  rounds: number;
  /** Rounds that had a GPU figure: the weight of gpuUtil. Not stored; recomputed as `rounds` when read back. */
  gpuRounds?: number;
}

/** What one probe round contributes to the bucket of its minute. */
export interface RoundSample {
  health: number | null;
  gpuUtil: number | null;
  gpuMemMiB: number | null;
  queueFull: number;
  hits: number;
  /** 1 for a probe round; 0 for log hits dated in an earlier minute (no probe there). */
  rounds: number;
}

export const bucketStart = (t: number, size: number): number => Math.floor(t / size) * size;
export const sampleId = (series: number, t: number): number => series * SERIES_SPAN + t;
export const idTime = (id: number): number => id % SERIES_SPAN;

const maxOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

function mean(
  a: number | null,
  wa: number,
  b: number | null,
  wb: number,
): { value: number | null; weight: number } {
  if (a === null || wa === 0) return { value: b, weight: b === null ? 0 : wb };
  if (b === null || wb === 0) return { value: a, weight: wa };
  return { value: Math.round((a * wa + b * wb) / (wa + wb)), weight: wa + wb };
}

/** Merges two buckets of the same period (a round into a minute, minutes into an hour, an hour into an hour). */
export function merge(t: number, a: Bucket | undefined, b: Bucket): Bucket {
  if (!a) return { ...b, t };
  const gpu = mean(a.gpuUtil, a.gpuRounds ?? a.rounds, b.gpuUtil, b.gpuRounds ?? b.rounds);
  return {
    t,
    health: maxOf(a.health, b.health),
    gpuUtil: gpu.value,
    gpuRounds: gpu.weight,
    gpuUtilMax: maxOf(a.gpuUtilMax, b.gpuUtilMax),
    gpuMemMiB: maxOf(a.gpuMemMiB, b.gpuMemMiB),
    queueFull: a.queueFull + b.queueFull,
    hits: a.hits + b.hits,
    rounds: a.rounds + b.rounds,
  };
}

export function roundBucket(t: number, r: RoundSample): Bucket {
  return {
    t,
    health: r.health,
    gpuUtil: r.gpuUtil,
    gpuUtilMax: r.gpuUtil,
    gpuMemMiB: r.gpuMemMiB,
    queueFull: r.queueFull,
    hits: r.hits,
    rounds: r.rounds,
    gpuRounds: r.gpuUtil === null ? 0 : Math.max(1, r.rounds),
  };
}

/** Folds buckets into periods of `size` seconds (minutes → hours), oldest first. */
export function rollUp(buckets: Bucket[], size: number): Bucket[] {
  const out = new Map<number, Bucket>();
  for (const b of buckets) {
    const t = bucketStart(b.t, size);
    out.set(t, merge(t, out.get(t), b));
  }
  return [...out.values()].sort((x, y) => x.t - y.t);
}

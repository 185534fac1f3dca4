// Figures of one run and the before/after verdict, pure functions (unit-tested); the verdict's sentence is a catalog
// text (throughput.verdict), rendered in the reader's language.
import { type Readable, type TextValue, text } from '@/lib/i18n/text';
import type { JobFigures } from './job';
import type { GpuSample } from './observe';

export interface RunFigures {
  jobs: number;
  succeeded: number;
  successRate: number;
  meanJobMs: number | null;
  /** Mean over every job, failed ones included (time until they failed): the reference when none succeeded. */
  meanAllMs: number | null;
  p95JobMs: number | null;
  jobsPerMinute: number;
  gpuUtilMean: number | null;
  gpuUtilMax: number | null;
  /** Queue-full lines in the log during the run plus HTTP 503 "Queue is full." answers. */
  queueFullHits: number;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? null;
}

/** Job time = total time of successful jobs (a failed job's time says how fast it failed, not how fast it works). */
export function figuresOf(
  jobs: JobFigures[],
  wallMs: number,
  gpu: GpuSample[],
  queueFullLines: number,
): RunFigures {
  const okTimes = jobs.filter((j) => j.ok).map((j) => j.totalMs);
  const utils = gpu.map((g) => g.utilPct).filter((u): u is number => u !== null);
  return {
    jobs: jobs.length,
    succeeded: okTimes.length,
    successRate: jobs.length ? okTimes.length / jobs.length : 0,
    meanJobMs: okTimes.length
      ? Math.round(okTimes.reduce((a, b) => a + b, 0) / okTimes.length)
      : null,
    meanAllMs: jobs.length
      ? Math.round(jobs.reduce((a, j) => a + j.totalMs, 0) / jobs.length)
      : null,
    p95JobMs: percentile(okTimes, 95),
    jobsPerMinute: wallMs > 0 ? Math.round((okTimes.length / (wallMs / 60_000)) * 10) / 10 : 0,
    gpuUtilMean: utils.length ? Math.round(utils.reduce((a, b) => a + b, 0) / utils.length) : null,
    gpuUtilMax: utils.length ? Math.max(...utils) : null,
    queueFullHits: queueFullLines + jobs.filter((j) => j.errorKind === 'queue_full_http').length,
  };
}

/** `fixed` and its sentence; a run stored before texts were catalog keys holds the sentence in both languages. */
export type Verdict = Readable & { fixed: boolean };

/** "fixed" = every job succeeded and no queue-full hit; the speed-up is told when a "before" run is given. */
export function verdict(after: RunFigures, before: RunFigures | null = null): Verdict {
  const fixed = after.jobs > 0 && after.succeeded === after.jobs && after.queueFullHits === 0;
  let speed: TextValue = '';
  if (before && after.meanJobMs !== null) {
    // Like with like: successful jobs' time, or every job's time when no job succeeded before.
    const ref = before.meanJobMs ?? before.meanAllMs;
    if (ref !== null && ref > 0) {
      const x = Math.round((ref / after.meanJobMs) * 10) / 10;
      speed = {
        text:
          x >= 1
            ? text('throughput.verdict.faster', { x })
            : text('throughput.verdict.slower', { x: Math.round((1 / x) * 10) / 10 }),
      };
    }
  }
  const queue =
    after.queueFullHits === 0
      ? text('throughput.verdict.noQueueFull')
      : text('throughput.verdict.queueFull', { count: after.queueFullHits });
  return {
    fixed,
    ...text(fixed ? 'throughput.verdict.fixed' : 'throughput.verdict.notFixed', {
      succeeded: after.succeeded,
      jobs: after.jobs,
      speed,
      queue: { text: queue },
    }),
  };
}

export interface Comparison {
  before: RunFigures;
  after: RunFigures;
  speedup: number | null;
  verdict: Verdict;
}

export function compareRuns(before: RunFigures, after: RunFigures): Comparison {
  const ref = before.meanJobMs ?? before.meanAllMs;
  const speedup = ref && after.meanJobMs ? Math.round((ref / after.meanJobMs) * 100) / 100 : null;
  return { before, after, speedup, verdict: verdict(after, before) };
}

// Figures of one run and the before/after verdict, pure functions (unit-tested), bilingual text from data.
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

export interface Verdict {
  fixed: boolean;
  en: string;
  zh: string;
}

/** "fixed" = every job succeeded and no queue-full hit; the speed-up is told when a "before" run is given. */
export function verdict(after: RunFigures, before: RunFigures | null = null): Verdict {
  const fixed = after.jobs > 0 && after.succeeded === after.jobs && after.queueFullHits === 0;
  const en: string[] = [`${after.succeeded}/${after.jobs} jobs succeeded`];
  const zh: string[] = [`${after.succeeded}/${after.jobs} 个任务成功`];
  if (before && after.meanJobMs !== null) {
    // Like with like: successful jobs' time, or every job's time when no job succeeded before.
    const ref = before.meanJobMs ?? before.meanAllMs;
    if (ref !== null && ref > 0) {
      const x = Math.round((ref / after.meanJobMs) * 10) / 10;
      en.push(x >= 1 ? `${x}x faster` : `${Math.round((1 / x) * 10) / 10}x slower`);
      zh.push(x >= 1 ? `快 ${x} 倍` : `慢 ${Math.round((1 / x) * 10) / 10} 倍`);
    }
  }
  if (after.queueFullHits === 0) {
    en.push('no queue-full lines');
    zh.push('日志中没有“队列满”');
  } else {
    en.push(`${after.queueFullHits} queue-full hit${after.queueFullHits === 1 ? '' : 's'}`);
    zh.push(`“队列满” ${after.queueFullHits} 次`);
  }
  return {
    fixed,
    en: `${fixed ? 'fixed' : 'not fixed'}: ${en.join(', ')}`,
    zh: `${fixed ? '已修复' : '未修复'}：${zh.join('，')}`,
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

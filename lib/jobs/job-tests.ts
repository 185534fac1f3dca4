// "Run a short test before and after": a runbook job measures the container with the built-in pair before its first
// step and again after every part verified, under its own lock, and keeps both runs with a before/after verdict.
import { messagesFor } from '@/lib/i18n/translate';
import type { Bilingual } from '@/lib/i18n/bilingual';
import type { Target } from '@/lib/remedies/types';
import { builtinPair } from '@/lib/throughput/builtin';
import { compareRuns, type Verdict } from '@/lib/throughput/compare';
import { startRun, type RunView } from '@/lib/throughput/runs';

/** Each test run's own limit; a blocked service can hang every job, and that is a result, not a job failure. */
export const JOB_TEST_TIMEOUT_MS = 5 * 60_000;
export const JOB_TEST_JOBS = 3;

export interface JobTestRun {
  runId: string;
  status: RunView['status'];
  summary: Bilingual;
}

export interface JobTests {
  before?: JobTestRun;
  after?: JobTestRun;
  verdict?: Verdict;
}

export const jobTestNotice: Bilingual = {
  en: `A short test (${JOB_TEST_JOBS} jobs at once, built-in pair) runs before the first step and after verification; both are kept on the Throughput page.`,
  zh: `第一步之前与验证之后各运行一次简短测试（内置素材，${JOB_TEST_JOBS} 个任务同时提交），结果保存在"吞吐测试"页面。`,
};

// The run states as the Throughput pages name them (one catalog, not a copy of its words).
const statusZh = (status: RunView['status']): string =>
  messagesFor('zh-CN').throughput.status[status];

function summaryOf(run: RunView): Bilingual {
  const f = run.detail.figures;
  if (!f)
    return {
      en: `${run.status}${run.error ? `: ${run.error}` : ''}`,
      zh: `${statusZh(run.status)}${run.error ? `：${run.error}` : ''}`,
    };
  const mean = f.meanJobMs === null ? '' : `, mean ${(f.meanJobMs / 1000).toFixed(1)} s`;
  const meanZh = f.meanJobMs === null ? '' : `，平均 ${(f.meanJobMs / 1000).toFixed(1)} 秒`;
  const stop = run.status === 'done' ? '' : ` (${run.status})`;
  const stopZh = run.status === 'done' ? '' : `（${statusZh(run.status)}）`;
  return {
    en: `${f.succeeded}/${f.jobs} jobs succeeded${mean}, ${f.queueFullHits} queue-full hit${f.queueFullHits === 1 ? '' : 's'}${stop}`,
    zh: `${f.succeeded}/${f.jobs} 个任务成功${meanZh}，“队列满” ${f.queueFullHits} 次${stopZh}`,
  };
}

export interface JobTestInput {
  jobId: string;
  target: Target;
  actor: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** One test run under the job's lock; never throws for what the run found, only when it could not be made. */
export async function runJobTest(
  phase: 'before' | 'after',
  input: JobTestInput,
): Promise<{ view: RunView; run: JobTestRun }> {
  const { audio, video } = await builtinPair();
  input.log(`test ${phase}: ${JOB_TEST_JOBS} jobs at once with the built-in pair`);
  const { id, done } = await startRun({
    hostId: input.target.hostId,
    container: input.target.container,
    audioId: audio.id,
    videoId: video.id,
    jobs: JOB_TEST_JOBS,
    concurrency: JOB_TEST_JOBS,
    timeoutMs: JOB_TEST_TIMEOUT_MS,
    actor: input.actor,
    jobId: input.jobId,
    signal: input.signal,
  });
  const view = await done;
  const run = { runId: id, status: view.status, summary: summaryOf(view) };
  input.log(`test ${phase} ${id}: ${run.summary.en}`);
  return { view, run };
}

/** The verdict of the "after" run, told against the "before" run when both have figures. */
export function testsVerdict(before: RunView | undefined, after: RunView): Verdict | undefined {
  const a = after.detail.figures;
  if (!a) return undefined;
  const b = before?.detail.figures;
  return b ? compareRuns(b, a).verdict : (after.detail.verdict ?? undefined);
}

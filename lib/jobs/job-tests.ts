// "Run a short test before and after": a runbook job measures the container with the built-in pair before its first
// step and again after every part verified, under its own lock, and keeps both runs with a before/after verdict.
import { type Readable, renderText, type Text, text } from '@/lib/i18n/text';
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
  /** Made as a catalog text; a job stored before texts were catalog keys holds both languages inline. */
  summary: Readable;
}

export interface JobTests {
  before?: JobTestRun;
  after?: JobTestRun;
  verdict?: Verdict;
}

export const jobTestNotice: Text = text('jobNotes.tests.notice', { jobs: JOB_TEST_JOBS });

function summaryOf(run: RunView): Text {
  // The run states as the Throughput pages name them (one catalog, not a copy of its words).
  const status = text(`throughput.status.${run.status}`);
  const f = run.detail.figures;
  if (!f)
    return run.error
      ? text('jobNotes.tests.error', { status: { text: status }, error: run.error })
      : status;
  const values = {
    succeeded: f.succeeded,
    jobs: f.jobs,
    hits: f.queueFullHits,
    mean:
      f.meanJobMs === null
        ? ''
        : { text: text('jobNotes.tests.mean', { seconds: (f.meanJobMs / 1000).toFixed(1) }) },
  };
  return run.status === 'done'
    ? text('jobNotes.tests.summary', values)
    : text('jobNotes.tests.summaryStopped', { ...values, status: { text: status } });
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
  input.log(`test ${phase} ${id}: ${renderText(run.summary, 'en')}`);
  return { view, run };
}

/** The verdict of the "after" run, told against the "before" run when both have figures. */
export function testsVerdict(before: RunView | undefined, after: RunView): Verdict | undefined {
  const a = after.detail.figures;
  if (!a) return undefined;
  const b = before?.detail.figures;
  return b ? compareRuns(b, a).verdict : (after.detail.verdict ?? undefined);
}

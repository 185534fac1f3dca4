// One test job as a user of the web interface makes it: upload the audio and the video, join the queue, follow
// the event stream to the end, fetch the output video. Times come from the stream's own milestones.
import { randomBytes } from 'node:crypto';
import {
  downloadFile,
  joinQueue,
  QueueFullError,
  queueMessages,
  uploadFile,
  type GradioTarget,
} from './gradio';

export interface JobFigures {
  index: number;
  ok: boolean;
  /** `queue_full_http` for HTTP 503 "Queue is full."; `failed` when the service reported an error; else `error`. */
  errorKind: 'queue_full_http' | 'failed' | 'error' | 'cancelled' | null;
  error: string | null;
  /** From the first `estimation` (or the join when none came) to `process_starts`. */
  queueWaitMs: number | null;
  /** From `process_starts` to `process_completed`. */
  processingMs: number | null;
  /** From the join to `process_completed` (or to the failure). */
  totalMs: number;
  /** Output video stored on the console's machine, relative to the run's output folder. */
  output: string | null;
  outputBytes: number | null;
}

const fileData = (p: string) => ({ path: p, meta: { _type: 'gradio.FileData' } });

function errorText(output: unknown): string {
  const e = (output as { error?: unknown } | null)?.error;
  return typeof e === 'string' && e ? e : 'the service reported a failure without a message';
}

export async function runJob(
  t: GradioTarget,
  index: number,
  audio: string,
  video: string,
  outputFile: (i: number) => string,
  signal: AbortSignal,
): Promise<JobFigures> {
  const fig: JobFigures = {
    index,
    ok: false,
    errorKind: null,
    error: null,
    queueWaitMs: null,
    processingMs: null,
    totalMs: 0,
    output: null,
    outputBytes: null,
  };
  const session = randomBytes(8).toString('hex');
  let t0 = Date.now();
  try {
    const [a, v] = await Promise.all([uploadFile(t, audio, signal), uploadFile(t, video, signal)]);
    t0 = Date.now();
    await joinQueue(t, session, [fileData(a), fileData(v)], signal);
    let estimation: number | null = null;
    let started: number | null = null;
    for await (const m of queueMessages(t, session, signal)) {
      const now = Date.now();
      if (m.msg === 'estimation' && estimation === null) estimation = now;
      else if (m.msg === 'process_starts') {
        started = now;
        fig.queueWaitMs = now - (estimation ?? t0);
      } else if (m.msg === 'process_completed') {
        fig.processingMs = started === null ? null : now - started;
        fig.totalMs = now - t0;
        const out = m.output as { data?: { video?: { path?: string } }[] } | undefined;
        const path = out?.data?.[0]?.video?.path;
        if (m.success === true && typeof path === 'string') {
          fig.outputBytes = await downloadFile(t, path, outputFile(index), signal);
          fig.output = `${index}.mp4`;
          fig.ok = true;
        } else {
          fig.errorKind = 'failed';
          fig.error = errorText(m.output);
        }
        return fig;
      }
    }
    throw new Error('the event stream closed before the job completed');
  } catch (err) {
    fig.totalMs = Date.now() - t0;
    if (signal.aborted)
      Object.assign(fig, {
        errorKind: 'cancelled',
        error: String(
          signal.reason instanceof Error ? signal.reason.message : (signal.reason ?? 'cancelled'),
        ),
      });
    else if (err instanceof QueueFullError)
      Object.assign(fig, { errorKind: 'queue_full_http', error: err.message });
    else
      Object.assign(fig, {
        errorKind: 'error',
        error: err instanceof Error ? err.message : String(err),
      });
    return fig;
  }
}

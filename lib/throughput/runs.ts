// The run engine: N jobs with concurrency C against one container's Gradio API, reached over the host's pooled
// SSH connection, measured and stored with the container's state at the time. Cancel and timeout abort every job.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { getHost } from '@/lib/hosts/service';
import { dataDir } from '@/lib/config';
import { CONTAINER_REF_RE } from '@/lib/remote/container-exec';
import { remote } from '@/lib/remote';
import { lockHolder } from '@/lib/locks/container-lock';
import { getDb, nowIso } from '@/lib/store/db';
import { makePrivateDir } from '@/lib/files/private';
import { figuresOf, type RunFigures, type Verdict, verdict } from './compare';
import { getInput, inputPath } from './inputs';
import { runJob, type JobFigures } from './job';
import { heldByJob, lockContainer } from './run-lock';
import { RunObserver, type ContainerState, type GpuSample } from './observe';
import type { SignatureId } from '@/lib/diagnosis/signatures';

export type RunStatus = 'running' | 'done' | 'cancelled' | 'timed_out' | 'error';

export interface RunSpec {
  hostId: string;
  container: string;
  audioId: string;
  videoId: string;
  jobs?: number;
  concurrency?: number;
  timeoutMs?: number;
  actor: string;
  /** Run as part of this runbook job, under the container lock the job holds (and renews) instead of its own. */
  jobId?: string;
  /** Stops the run when aborted (the job's cancel). */
  signal?: AbortSignal;
}

export interface RunDetail {
  state: ContainerState | null;
  jobs: JobFigures[];
  /** Jobs under way (shown as rows before they end); absent in runs stored before it was kept. */
  running?: { index: number; startedAt: string }[];
  gpu: GpuSample[];
  gpuNote: string | null;
  signatures: Partial<Record<SignatureId, { count: number; taskIds: string[] }>>;
  wallMs: number | null;
  figures: RunFigures | null;
  verdict: Verdict | null;
}

export interface RunView extends Omit<RunSpec, 'timeoutMs' | 'jobId' | 'signal'> {
  id: string;
  jobId: string | null;
  status: RunStatus;
  jobs: number;
  concurrency: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  detail: RunDetail;
}

export const DEFAULT_JOBS = 3;
export const DEFAULT_CONCURRENCY = 3;
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const running = new Map<string, AbortController>();
export const newRunId = (): string =>
  `t-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`;

export const outputsDir = (runId: string): string =>
  path.join(dataDir(), 'throughput', 'outputs', runId);

function check(spec: RunSpec): { jobs: number; concurrency: number; timeoutMs: number } {
  const jobs = spec.jobs ?? DEFAULT_JOBS;
  const concurrency = spec.concurrency ?? DEFAULT_CONCURRENCY;
  const timeoutMs = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const issues: { field: string; message: string }[] = [];
  if (!CONTAINER_REF_RE.test(spec.container))
    issues.push({ field: 'container', message: 'not a container name' });
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 50)
    issues.push({ field: 'jobs', message: 'jobs must be 1-50' });
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 20)
    issues.push({ field: 'concurrency', message: 'concurrency must be 1-20' });
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 3_600_000)
    issues.push({ field: 'timeoutMs', message: 'timeout must be 1 s to 1 h' });
  if (issues.length) throw new ValidationError(issues);
  return { jobs, concurrency, timeoutMs };
}

const emptyDetail = (): RunDetail => ({
  state: null,
  jobs: [],
  running: [],
  gpu: [],
  gpuNote: null,
  signatures: {},
  wallMs: null,
  figures: null,
  verdict: null,
});

async function save(
  id: string,
  values: { status?: RunStatus; error?: string | null; finished?: boolean; detail: RunDetail },
): Promise<void> {
  await getDb()
    .updateTable('throughput_runs')
    .set({
      ...(values.status ? { status: values.status } : {}),
      ...(values.error !== undefined ? { error: values.error } : {}),
      ...(values.finished ? { finished_at: nowIso() } : {}),
      heartbeat_at: nowIso(),
      detail: JSON.stringify(values.detail),
    })
    .where('id', '=', id)
    .execute();
}

/** Starts a run and returns its id at once; `done` settles when it has ended (for the CLI and tests). */
export async function startRun(spec: RunSpec): Promise<{ id: string; done: Promise<RunView> }> {
  const { jobs, concurrency, timeoutMs } = check(spec);
  const [audio, video] = await Promise.all([getInput(spec.audioId), getInput(spec.videoId)]);
  if (audio.kind !== 'audio' || video.kind !== 'video')
    throw new ValidationError([{ field: 'inputs', message: 'pick one audio and one video input' }]);
  const host = await getHost(spec.hostId);
  if (!host) throw new NotFoundError(`host ${spec.hostId}`);
  const id = newRunId();
  const ac = new AbortController();
  // Each job's requests listen on the run's signal (about four at a time per job) until they end.
  setMaxListeners(10 + 4 * concurrency, ac.signal);
  const lock = spec.jobId
    ? await heldByJob(spec.hostId, host.name, spec.container, spec.jobId)
    : await lockContainer(spec.hostId, host.name, spec.container, id, (why) =>
        ac.abort(new RunStop('error', why)),
      );
  spec.signal?.addEventListener(
    'abort',
    () => ac.abort(new RunStop('cancelled', 'cancelled with its job')),
    { once: true },
  );
  const now = nowIso();
  try {
    await getDb()
      .insertInto('throughput_runs')
      .values({
        id,
        host_id: spec.hostId,
        container: spec.container,
        status: 'running',
        actor: spec.actor,
        audio_id: audio.id,
        video_id: video.id,
        jobs,
        concurrency,
        started_at: now,
        heartbeat_at: now,
        finished_at: null,
        error: null,
        detail: JSON.stringify(emptyDetail()),
        job_id: spec.jobId ?? null,
      })
      .execute();
  } catch (err) {
    await lock.release();
    throw err;
  }
  running.set(id, ac);
  const timer = setTimeout(
    () =>
      ac.abort(
        new RunStop(
          'timed_out',
          `the run passed its timeout of ${Math.round(timeoutMs / 1000)} s and was stopped`,
        ),
      ),
    timeoutMs,
  );
  const done = execute(
    id,
    spec,
    { jobs, concurrency },
    inputPath(audio),
    inputPath(video),
    ac.signal,
  )
    .finally(async () => {
      clearTimeout(timer);
      running.delete(id);
      await lock.release();
    })
    .then(() => getRun(id));
  done.catch(() => undefined);
  return { id, done };
}

/** Why a run was stopped before its jobs were done: the reason of its AbortSignal. */
class RunStop extends Error {
  constructor(
    readonly status: 'cancelled' | 'timed_out' | 'error',
    message: string,
  ) {
    super(message);
    this.name = 'RunStop';
  }
}

const stopOf = (signal: AbortSignal): RunStop | null =>
  signal.aborted
    ? signal.reason instanceof RunStop
      ? signal.reason
      : new RunStop('cancelled', String((signal.reason as Error)?.message ?? signal.reason))
    : null;

/** Deadline of the last probe (log signatures), which runs even after a cancel: it reads what the jobs left. */
const AFTER_DEADLINE_MS = 20_000;

async function execute(
  id: string,
  spec: RunSpec,
  o: { jobs: number; concurrency: number },
  audio: string,
  video: string,
  signal: AbortSignal,
): Promise<void> {
  const detail = emptyDetail();
  const obs = new RunObserver(spec.hostId, spec.container);
  const beat = setInterval(() => void save(id, { detail }).catch(() => undefined), 2000);
  try {
    detail.state = await obs.before(signal);
    const port = detail.state.port ?? 7860;
    const target = {
      agent: remote.tcpAgent(spec.hostId, '127.0.0.1', port),
      host: '127.0.0.1',
      port,
    };
    const outDir = outputsDir(id);
    await makePrivateDir(outDir);
    const t0 = Date.now();
    obs.startGpu(detail.state.containerId, t0, signal);
    let next = 0;
    const worker = async () => {
      while (next < o.jobs && !signal.aborted) {
        const i = next++;
        // Live progress: a job shows as a row when it starts, and with its figures when it ends.
        detail.running = [...(detail.running ?? []), { index: i, startedAt: nowIso() }];
        await save(id, { detail }).catch(() => undefined);
        const job = await runJob(
          target,
          i,
          audio,
          video,
          (n) => path.join(outDir, `${n}.mp4`),
          signal,
        );
        detail.running = (detail.running ?? []).filter((r) => r.index !== i);
        detail.jobs.push(job);
        await save(id, { detail }).catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, o.jobs) }, worker)).finally(() =>
      obs.stopGpu(),
    );
    detail.wallMs = Date.now() - t0;
    detail.gpu = obs.gpu;
    detail.gpuNote = obs.gpuNote;
    detail.jobs.sort((a, b) => a.index - b.index);
    detail.signatures = await obs
      .after(AbortSignal.timeout(AFTER_DEADLINE_MS))
      .catch((err: Error) => {
        detail.gpuNote = `${detail.gpuNote ? `${detail.gpuNote}; ` : ''}${err.message}`;
        return {};
      });
    detail.figures = figuresOf(
      detail.jobs,
      detail.wallMs,
      detail.gpu,
      detail.signatures.queue_full?.count ?? 0,
    );
    detail.verdict = verdict(detail.figures);
    detail.running = [];
    const stop = stopOf(signal);
    await save(id, {
      status: stop?.status ?? 'done',
      finished: true,
      error: stop?.message ?? null,
      detail,
    });
  } catch (err) {
    const stop = stopOf(signal);
    detail.running = []; // the run has ended: no job of it runs any more
    await save(id, {
      status: stop?.status ?? 'error',
      finished: true,
      error: stop?.message ?? (err instanceof Error ? err.message : String(err)),
      detail,
    });
  } finally {
    clearInterval(beat);
  }
}

/** Cancels a run of this process; returns false when it is not running here. */
export function cancelRun(id: string, reason = 'cancelled by the operator'): boolean {
  const ac = running.get(id);
  if (!ac) return false;
  ac.abort(new RunStop('cancelled', reason));
  return true;
}

type Row = {
  id: string;
  host_id: string;
  container: string;
  status: string;
  actor: string;
  audio_id: string;
  video_id: string;
  jobs: number;
  concurrency: number;
  started_at: string;
  finished_at: string | null;
  error: string | null;
  detail: string;
  job_id: string | null;
};
const toView = (r: Row): RunView => ({
  id: r.id,
  jobId: r.job_id,
  hostId: r.host_id,
  container: r.container,
  status: r.status as RunStatus,
  actor: r.actor,
  audioId: r.audio_id,
  videoId: r.video_id,
  jobs: r.jobs,
  concurrency: r.concurrency,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
  detail: JSON.parse(r.detail) as RunDetail,
});

/**
 * A run still "running" that no process of this console runs and whose lock it no longer holds was left by a console
 * or `dhc` that stopped mid-run: it is reported as interrupted instead of running forever.
 */
async function settled(row: Row): Promise<Row> {
  if (row.status !== 'running' || running.has(row.id)) return row;
  const holder = (await lockHolder(row.host_id, row.container))?.jobId;
  if (holder === row.id || (holder && holder === row.job_id)) return row;
  const fix = {
    status: 'error',
    error: 'interrupted: the console process running it stopped before it finished',
    finished_at: nowIso(),
  };
  await getDb()
    .updateTable('throughput_runs')
    .set(fix)
    .where('id', '=', row.id)
    .where('status', '=', 'running')
    .execute();
  return { ...row, ...fix };
}

export async function getRun(id: string): Promise<RunView> {
  const row = await getDb()
    .selectFrom('throughput_runs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`no test run ${id}`);
  return toView(await settled(row));
}

export async function listRuns(
  filter: { hostId?: string; container?: string; limit?: number } = {},
): Promise<RunView[]> {
  let q = getDb()
    .selectFrom('throughput_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(filter.limit ?? 50);
  if (filter.hostId) q = q.where('host_id', '=', filter.hostId);
  if (filter.container) q = q.where('container', '=', filter.container);
  return (await Promise.all((await q.execute()).map(settled))).map(toView);
}

/** The last finished run on the same container before this one: the "before" of a before/after comparison. */
export async function previousRun(run: RunView): Promise<RunView | null> {
  const row = await getDb()
    .selectFrom('throughput_runs')
    .selectAll()
    .where('host_id', '=', run.hostId)
    .where('container', '=', run.container)
    .where('status', '=', 'done')
    .where('started_at', '<', run.startedAt)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toView(row) : null;
}

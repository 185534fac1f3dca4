import { renderText } from '@/lib/i18n/text';
import fs from 'node:fs';
import path from 'node:path';
import { getHostByName } from '@/lib/hosts/service';
import { remote } from '@/lib/remote';
import { CLI_ADMIN } from '@/lib/auth/types';
import { compareRuns, getRun, previousRun, type RunView } from '@/lib/throughput';
import { cancelTestRun, startTestRun, storeTestInput } from '@/lib/throughput/service';
import { jobsLine } from '../progress';
import { printJson, runCommand, UsageError } from './hosts';

export const summary =
  'throughput test of one container: N jobs with concurrency C (dhc test HOST/CONTAINER [--builtin] [--json])';

const USAGE = `usage: dhc test HOST/CONTAINER [--audio F --video F | --builtin] [--jobs N] [--concurrency C] [--timeout SECONDS] [--json] [--data DIR]
  Submits N jobs (default 3), C at a time (default 3), through the container's own Gradio API over the host's SSH
  connection; prints each job's queue wait, processing and total time, the run's figures and a verdict, compared
  with the previous finished run on the same container. Exit 0 when every job succeeded with no queue-full hit.
  --builtin   the built-in pair (a tone + a test pattern, made with ffmpeg on this machine); the default`;

const sec = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(1)}s`);

function render(run: RunView, before: RunView | null): string {
  const d = run.detail;
  const s = d.state;
  const lines = [
    `run ${run.id} on ${run.container}: ${run.status.toUpperCase()}${run.error ? ` (${run.error})` : ''}`,
  ];
  if (s)
    lines.push(
      `  state: ORT ${s.ortVersion ?? '?'} providers ${s.sessionProviders?.join(',') ?? '?'}, shm ${s.shmBytes === null ? '?' : `${Math.round(s.shmBytes / 1048576)} MiB`}, batch ${s.batchSize ?? '?'}, hook ${s.hookInstalled ? 'yes' : 'no'}`,
    );
  for (const j of d.jobs)
    lines.push(
      `  job ${j.index}: ${j.ok ? 'ok    ' : 'FAILED'} wait ${sec(j.queueWaitMs)} processing ${sec(j.processingMs)} total ${sec(j.totalMs)}${j.error ? `  ${j.error}` : ''}`,
    );
  const f = d.figures;
  if (f)
    lines.push(
      `  ${f.succeeded}/${f.jobs} ok, mean ${sec(f.meanJobMs)}, p95 ${sec(f.p95JobMs)}, ${f.jobsPerMinute} jobs/min, GPU mean ${f.gpuUtilMean ?? '-'}% max ${f.gpuUtilMax ?? '-'}%, queue-full ${f.queueFullHits}`,
    );
  const sig = Object.entries(d.signatures)
    .map(([k, v]) => `${k} ${v?.count}`)
    .join(', ');
  lines.push(`  log signatures during the run: ${sig || 'none'}`);
  const cmp = before?.detail.figures && f ? compareRuns(before.detail.figures, f) : null;
  const v = cmp?.verdict ?? d.verdict;
  if (cmp)
    lines.push(
      `  before (run ${before!.id}): ${cmp.before.succeeded}/${cmp.before.jobs} ok, mean ${sec(cmp.before.meanJobMs)}, queue-full ${cmp.before.queueFullHits}`,
    );
  if (v) lines.push(`  ${renderText(v, 'en')}`, `  ${renderText(v, 'zh-CN')}`);
  return lines.join('\n');
}

/** A progress line each time another test job ends (read from the run's stored detail every second). */
function watchJobs(runId: string): { stop: () => void } {
  let shown = 0;
  const tick = async () => {
    const r = await getRun(runId).catch(() => null);
    if (!r || r.detail.jobs.length === shown) return;
    shown = r.detail.jobs.length;
    const failed = r.detail.jobs.filter((j) => !j.ok).length;
    process.stdout.write(`${jobsLine(shown, r.jobs, failed)}\n`);
  };
  const timer = setInterval(() => void tick(), 1000);
  return {
    stop: () => {
      clearInterval(timer);
    },
  };
}

export async function run(args: string[]): Promise<number> {
  const options = {
    audio: { type: 'string' },
    video: { type: 'string' },
    builtin: { type: 'boolean' },
    jobs: { type: 'string' },
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
  } as const;
  return runCommand(
    'test',
    args,
    options,
    async (v, pos) => {
      const [target, ...extra] = pos;
      const m = target ? /^([^/]+)\/([^/]+)$/.exec(target) : null;
      if (!m || extra.length) throw new UsageError('give one HOST/CONTAINER');
      if ((v.audio === undefined) !== (v.video === undefined))
        throw new UsageError('--audio and --video go together');
      if (v.builtin && v.audio !== undefined)
        throw new UsageError('--builtin or --audio/--video, not both');
      const int = (s: unknown, name: string): number | undefined => {
        if (s === undefined) return undefined;
        if (typeof s !== 'string' || !/^\d+$/.test(s))
          throw new UsageError(`--${name} must be a whole number`);
        return Number(s);
      };
      const host = await getHostByName(m[1]!);
      if (!host) throw new UsageError(`no host named '${m[1]}'`);
      // Through the throughput service, as the web does: checked, validated and audited (as local-admin via cli).
      let inputs: { audioId?: string; videoId?: string; builtin?: boolean } = { builtin: true };
      if (typeof v.audio === 'string' && typeof v.video === 'string') {
        const big = Number.MAX_SAFE_INTEGER; // the limit protects the server from uploads; a local file is the operator's own
        const audio = await storeTestInput(
          CLI_ADMIN,
          fs.createReadStream(v.audio),
          'audio',
          path.basename(v.audio),
          big,
        );
        const video = await storeTestInput(
          CLI_ADMIN,
          fs.createReadStream(v.video),
          'video',
          path.basename(v.video),
          big,
        );
        inputs = { audioId: audio.id, videoId: video.id };
      }
      try {
        const started = await startTestRun(CLI_ADMIN, {
          hostId: host.id,
          container: m[2]!,
          ...inputs,
          jobs: int(v.jobs, 'jobs'),
          concurrency: int(v.concurrency, 'concurrency'),
          timeoutS: int(v.timeout, 'timeout'),
        });
        const onSignal = () =>
          void cancelTestRun(CLI_ADMIN, started.id, 'interrupted (SIGINT)').catch(() => undefined);
        process.once('SIGINT', onSignal);
        const watching = v.json ? null : watchJobs(started.id);
        const result = await started.done.finally(() => watching?.stop());
        process.off('SIGINT', onSignal);
        const before = await previousRun(result);
        const comparison =
          before?.detail.figures && result.detail.figures
            ? compareRuns(before.detail.figures, result.detail.figures)
            : null;
        if (v.json)
          printJson({
            run: result,
            before: before ? { id: before.id, figures: before.detail.figures } : null,
            comparison,
          });
        else process.stdout.write(`${render(result, before)}\n`);
        return result.status === 'done' && result.detail.verdict?.fixed ? 0 : 1;
      } finally {
        remote.closeAll();
      }
    },
    USAGE,
  );
}

'use client';

import type { JobEvent, JobView } from '@/lib/jobs/types';
import { type StepRow, type StepState, stepRows } from './step-rows';
import { useText } from '../common/use-text';
import { useI18n } from '../i18n-provider';

// A job's output for people: its steps as a list (state, how long each took, its last line), each step's own
// output folded under it (open while it runs or where it failed), and a bar for the whole job.

const ICON: Record<StepState, string> = {
  done: '✓',
  running: '▶',
  failed: '✗',
  pending: '·',
  skipped: '–',
};
const COLOUR: Record<StepState, string> = {
  done: 'text-emerald-300',
  running: 'text-sky-300',
  failed: 'text-red-300',
  pending: 'text-slate-500',
  skipped: 'text-slate-500',
};

function Line({ e }: { e: JobEvent }) {
  const colour =
    e.type === 'status' ? 'text-amber-300' : e.text.startsWith('! ') ? 'text-red-300' : '';
  return (
    <div className={`whitespace-pre-wrap break-all ${colour}`} data-raw>
      {e.type === 'status' ? `[${e.text}]` : e.text}
    </div>
  );
}

export function JobProgress({ job }: { job: JobView }) {
  const { t } = useI18n();
  const pct = job.stepCount ? Math.round((100 * job.stepsDone) / job.stepCount) : 100;
  return (
    <div className="flex items-center gap-2 text-xs text-slate-500">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={job.stepCount}
        aria-valuenow={job.stepsDone}
        aria-label={t('jobs.job.progress')}
        data-testid="job-progress-bar"
        className="h-2 w-48 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-sky-500 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <span data-testid="job-progress-text">
        {t('jobs.job.stepsDone', { done: job.stepsDone, total: job.stepCount })}
      </span>
    </div>
  );
}

export function JobSteps({ job, events }: { job: JobView; events: JobEvent[] }) {
  const { t } = useI18n();
  const tx = useText();
  const { rows, before, after } = stepRows(job, events, Date.now());
  const seconds = (r: StepRow) =>
    r.startedAt !== null && r.endedAt !== null
      ? t('jobs.job.seconds', { seconds: ((r.endedAt - r.startedAt) / 1000).toFixed(1) })
      : '';
  return (
    <div
      className="max-h-[32rem] overflow-auto rounded bg-slate-950 p-2 font-mono text-xs leading-5 text-slate-100"
      data-testid="job-log"
    >
      {events.length === 0 && <span className="text-slate-400">{t('jobs.job.noOutput')}</span>}
      {before.map((e) => (
        <Line key={e.id} e={e} />
      ))}
      <ol>
        {rows.map((r) => {
          const title = tx(job.plan?.steps[r.index]?.title) || '';
          // The step's last line of output (not the command, not the engine's own "▶ title" line).
          const last = [...r.lines]
            .reverse()
            .find((e) => e.type === 'log' && !/^(\$|▶|↩) /.test(e.text));
          return (
            <li key={r.index} data-testid="job-step" data-state={r.state} className="mt-1">
              <details open={r.state === 'running' || r.state === 'failed'}>
                <summary className={`cursor-pointer ${COLOUR[r.state]}`}>
                  <span className="font-semibold">
                    {ICON[r.state]} {r.index + 1}. {title}
                  </span>
                  <span className="ml-2 text-slate-400">{seconds(r)}</span>
                  {last && r.state !== 'running' && (
                    <span className="ml-2 text-slate-500" title={last.text} data-raw>
                      {last.text.slice(0, 100)}
                    </span>
                  )}
                </summary>
                <div className="ml-4 border-l border-slate-800 pl-2">
                  {r.lines.map((e) => (
                    <Line key={e.id} e={e} />
                  ))}
                </div>
              </details>
            </li>
          );
        })}
      </ol>
      {after.map((e) => (
        <Line key={e.id} e={e} />
      ))}
    </div>
  );
}

import type { JobEvent, JobView } from '@/lib/jobs/types';

// A job's events laid out by step, with each step's state and times, for the step list (job-steps.tsx).

export type StepState = 'done' | 'running' | 'failed' | 'pending' | 'skipped';

export interface StepRow {
  index: number;
  state: StepState;
  startedAt: number | null;
  endedAt: number | null;
  lines: JobEvent[];
}

/** Events before the first step, per step, and after the last one (verification, the end). */
export function stepRows(job: JobView, events: JobEvent[], now: number) {
  const rows: StepRow[] = Array.from({ length: job.stepCount }, (_, index) => ({
    index,
    state: 'pending' as StepState,
    startedAt: null,
    endedAt: null,
    lines: [],
  }));
  const before: JobEvent[] = [];
  const after: JobEvent[] = [];
  let current: StepRow | null = null;
  for (const e of events) {
    if (e.type === 'step' && e.step !== null && rows[e.step]) {
      if (current) current.endedAt = Date.parse(e.at);
      current = rows[e.step]!;
      current.startedAt = Date.parse(e.at);
    } else if (e.type === 'verify') after.push(e);
    else (current ? current.lines : before).push(e);
  }
  const running = job.status === 'running';
  const finished = job.finishedAt ? Date.parse(job.finishedAt) : now;
  for (const r of rows) {
    if (r.startedAt === null) r.state = running ? 'pending' : 'skipped';
    else if (r.index < job.stepsDone) r.state = 'done';
    else r.state = running ? 'running' : job.status === 'succeeded' ? 'done' : 'failed';
    if (r.startedAt !== null && r.endedAt === null) r.endedAt = running ? now : finished;
  }
  return { rows, before, after };
}

// A job's output laid out by step, as the live view shows it: which steps are done, which one runs or failed,
// how long each took, and which lines belong to which step.
import { describe, expect, it } from 'vitest';
import { stepRows } from '@/components/jobs/step-rows';
import type { JobEvent, JobView } from '@/lib/jobs/types';

const at = (s: number) => new Date(Date.parse('2026-12-03T10:00:00Z') + s * 1000).toISOString();
let id = 0;
const ev = (
  s: number,
  type: JobEvent['type'],
  text: string,
  step: number | null = null,
): JobEvent => ({
  id: ++id,
  at: at(s),
  type,
  step,
  text,
});
const job = (status: JobView['status'], stepsDone: number, finishedAt: string | null) =>
  ({ status, stepCount: 3, stepsDone, finishedAt, plan: null }) as unknown as JobView;

const events = [
  ev(0, 'status', 'running'),
  ev(1, 'step', 'Back up config.ini', 0),
  ev(1, 'log', '$ cp /app/config.ini /app/config.ini.bak'),
  ev(3, 'step', 'Write config.ini', 1),
  ev(3, 'log', '$ python - <script 1>'),
  ev(4, 'log', '! Permission denied'),
];

describe('job steps', () => {
  it('a running job: earlier steps done with their durations, the current one running, the rest pending', () => {
    const { rows, before } = stepRows(job('running', 1, null), events, Date.parse(at(10)));
    expect(rows.map((r) => r.state)).toEqual(['done', 'running', 'pending']);
    expect(rows[0]!.endedAt! - rows[0]!.startedAt!).toBe(2000);
    expect(rows[1]!.endedAt! - rows[1]!.startedAt!).toBe(7000); // still running: until now
    expect(rows[1]!.lines.map((l) => l.text)).toEqual([
      '$ python - <script 1>',
      '! Permission denied',
    ]);
    expect(before.map((e) => e.text)).toEqual(['running']);
  });

  it('a failed job: the step that failed is marked, later ones were never run', () => {
    const { rows } = stepRows(job('failed', 1, at(5)), events, Date.parse(at(60)));
    expect(rows.map((r) => r.state)).toEqual(['done', 'failed', 'skipped']);
    expect(rows[1]!.endedAt! - rows[1]!.startedAt!).toBe(2000); // until the job ended, not now
  });

  it('verification lines come after the steps', () => {
    const done = [...events.slice(0, 4), ev(4, 'step', 'Restart', 2), ev(6, 'verify', 'ok')];
    const { rows, after } = stepRows(job('succeeded', 3, at(7)), done, Date.parse(at(60)));
    expect(rows.map((r) => r.state)).toEqual(['done', 'done', 'done']);
    expect(after.map((e) => e.text)).toEqual(['ok']);
  });
});

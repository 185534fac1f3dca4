// What the operator reads after a job stopped part-way or did not verify: Undo is offered only when a part saved
// something to undo (a restart saves nothing), and a job row says so too.
import { describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { restoreHint, verifyFailedHint } from '@/lib/jobs/restore-hint';
import { toView, type JobRow } from '@/lib/jobs/store';
import type { JobPlan } from '@/lib/jobs/types';
import type { Plan } from '@/lib/remedies/types';

const part = (remedy: Plan['remedy'], undo: unknown): Plan => ({
  remedy,
  mode: 'apply',
  target: { hostId: 'h', container: 'c' },
  params: {},
  current: { en: '', zh: '' },
  wanted: { en: '', zh: '' },
  alreadyApplied: false,
  needsRestart: false,
  steps: [],
  notices: [],
  undo,
});
const step = (t: string) => ({
  id: t,
  title: { en: t, zh: t },
  where: 'container' as const,
  timeoutMs: 1000,
  part: 0,
});
const plan = (parts: Plan[]): JobPlan => ({
  name: 'x',
  title: { en: 'x', zh: 'x' },
  parts,
  steps: [step('stop'), step('start'), step('wait')],
  notices: [],
  hash: 'h',
});

const restart = plan([part('restart', null)]);
const pin = plan([
  part('pin-ort', { previous: '1.18.0', backup: '/var/tmp/b.tar', indexUrl: null }),
]);

describe('restore hints', () => {
  it('offers Undo only when a part saved what undo needs', () => {
    expect(renderText(restoreHint(restart, 1, false), 'en')).toMatch(
      /Run the same remedy again to finish \(it checks the state first and skips what already holds\)\.$/,
    );
    expect(renderText(restoreHint(restart, 1, false), 'en')).not.toMatch(/Undo/);
    expect(renderText(restoreHint(pin, 1, false), 'en')).toMatch(/or use Undo on this job/);
    expect(renderText(restoreHint(pin, 1, false), 'zh-CN')).toMatch(/撤销/);
    expect(renderText(restoreHint(restart, 1, false), 'zh-CN')).not.toMatch(/撤销/);
  });

  it('after a failed verification: run again (it verifies again), Undo when there is something to undo', () => {
    expect(renderText(verifyFailedHint(restart), 'en')).toMatch(
      /^Every step ran, but verification did not pass\. Run the same remedy again: .* verifies again\.$/,
    );
    expect(renderText(verifyFailedHint(pin), 'en')).toMatch(/or use Undo on this job/);
  });

  it('a finished restart job is not undoable; a pin-ort job is', () => {
    const row = (p: JobPlan): JobRow =>
      ({
        id: 'j-1',
        kind: 'remedy',
        remedy: p.parts[0]!.remedy,
        host_id: 'h',
        host_name: 'h',
        container: 'c',
        params: '{}',
        plan: JSON.stringify(p),
        status: 'succeeded',
        step_count: 3,
        steps_done: 3,
        result: JSON.stringify({ verifications: [] }),
        error: null,
        undo: JSON.stringify(p.parts.map((x) => ({ remedy: x.remedy, undo: x.undo }))),
        undo_of: null,
        lock_token: 1,
        owner: 'o',
        actor_id: null,
        actor_name: 'cli',
        via: 'cli',
        created_at: '2026-11-29T00:00:00Z',
        finished_at: '2026-11-29T00:00:01Z',
        cancel_requested: 0,
      }) as JobRow;
    expect(toView(row(restart)).undoable).toBe(false);
    expect(toView(row(pin)).undoable).toBe(true);
    expect(toView(row(pin), true).undoable).toBe(false);
  });
});

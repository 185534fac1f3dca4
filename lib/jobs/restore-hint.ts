import { type Readable, type Text, text } from '@/lib/i18n/text';
import { composed, sentences } from './job-text';
import type { JobPlan } from './types';

// What the operator should do after a job stopped part-way: said plainly, in the reader's language.

export function restoreHint(
  plan: JobPlan,
  completed: number,
  rolledBack: boolean,
  rollbackErrors: string[] = [],
  inFlight?: Readable,
): Readable {
  const total = plan.steps.length;
  if (completed === 0 && rolledBack) return text('jobNotes.restore.nothingChanged');
  if (rolledBack) return text('jobNotes.restore.rolledBack', { completed });
  const last = completed > 0 ? plan.steps[completed - 1] : undefined;
  const done = last
    ? composed((p) => text('jobNotes.restore.lastRan', { completed, total, title: p(last.title) }))
    : text('jobNotes.restore.noneCompleted', { total });
  const flight = inFlight
    ? composed((p) =>
        text('jobNotes.restore.inFlight', { step: completed + 1, title: p(inFlight) }),
      )
    : null;
  const why = rollbackErrors.length
    ? text('jobNotes.restore.rollbackFailed', { errors: rollbackErrors.join('; ') })
    : null;
  const shm = plan.parts.find((p) => p.remedy === 'shm');
  const old = (shm?.undo as { oldName?: string } | null | undefined)?.oldName;
  const kept = old ? text('jobNotes.restore.originalKept', { name: old }) : null;
  const again = text(
    canUndo(plan) ? 'jobNotes.restore.runAgainOrUndo' : 'jobNotes.restore.runAgain',
  );
  return sentences(done, flight, why, kept, again)!;
}

/** Every step ran but a part did not verify (or could not be checked: the host or its engine went away). */
export function verifyFailedHint(plan: JobPlan): Text {
  return text(
    canUndo(plan) ? 'jobNotes.restore.verifyFailedOrUndo' : 'jobNotes.restore.verifyFailed',
  );
}

const canUndo = (plan: JobPlan) => plan.parts.some((p) => p.undo !== null && p.undo !== undefined);

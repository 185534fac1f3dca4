import { ValidationError } from '@/lib/errors';
import {
  REMEDY_ORDER,
  type RemedyId,
  remedyTitle,
  RUNBOOK_NAME,
  RUNBOOK_TITLE,
} from '@/lib/diagnosis/remedies';
import { text } from '@/lib/i18n/text';
import { remedyModule } from '@/lib/remedies';
import { ALL_OPTIONS, optionsOfRemedy, RUNBOOK_TEST_OPTION } from '@/lib/remedies/options';
import type { RemedyDefaults } from '@/lib/remedies/settings';
import type { Notice, Prepared, RemedyContext } from '@/lib/remedies/types';
import { jobTestNotice } from './job-tests';
import { jobPlan } from './plan';
import type { Planner } from './launch';

// "Fix queue blocking": every remedy of the procedure in its order, those that already hold skipped, then one
// restart of the service when anything changed needs it, then every part verified. One job, one lock.

export { RUNBOOK_NAME, RUNBOOK_TITLE };

// The runbook takes every remedy's options (lib/remedies/options.ts) under the same names, and hands each remedy its own.
const RUNBOOK_KEYS = new Set([...ALL_OPTIONS.map((o) => o.key), RUNBOOK_TEST_OPTION]);

/** The runbook's `test` option: a short throughput test before and after (lib/jobs/job-tests.ts). */
export function runbookTests(raw: Record<string, unknown>): boolean {
  if (raw.test === undefined) return false;
  if (typeof raw.test !== 'boolean')
    throw new ValidationError([{ field: 'test', message: 'must be true or false' }]);
  return raw.test;
}

/** Validates every option first (all field errors at once), so nothing remote runs on bad input. */
export function runbookParams(
  raw: Record<string, unknown>,
  defaults: RemedyDefaults,
): Map<RemedyId, Record<string, unknown>> {
  const unknown = Object.keys(raw).filter((k) => !RUNBOOK_KEYS.has(k));
  if (unknown.length)
    throw new ValidationError(
      unknown.map((k) => ({ field: k, message: 'is not an option of this runbook' })),
    );
  const out = new Map<RemedyId, Record<string, unknown>>();
  const issues: { field: string; message: string }[] = [];
  try {
    runbookTests(raw);
  } catch (e) {
    issues.push(...(e as ValidationError).issues);
  }
  for (const id of REMEDY_ORDER) {
    try {
      out.set(id, remedyModule(id).params(optionsOfRemedy(id, raw), defaults));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      issues.push(...e.issues);
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return out;
}

/**
 * Every part's plan, in procedure order. Planning only reads the container, so the parts read at once, over the
 * host's pooled connection (a preview takes as long as its slowest part, not all of them end to end);
 * `sequential` is kept for the preview benchmark's side-by-side figure.
 */
export function runbookPlanner(
  params: Map<RemedyId, Record<string, unknown>>,
  defaults: RemedyDefaults,
  tests = false,
  { sequential = false }: { sequential?: boolean } = {},
): Planner {
  return async (ctx: RemedyContext) => {
    const ids = REMEDY_ORDER.filter((id) => id !== 'restart');
    const prepare = (id: RemedyId) => remedyModule(id).prepare(ctx, params.get(id)!, defaults);
    const parts: Prepared[] = [];
    if (sequential) for (const id of ids) parts.push(await prepare(id));
    else parts.push(...(await Promise.all(ids.map(prepare))));
    if (parts.some((p) => !p.plan.alreadyApplied && p.plan.needsRestart)) {
      parts.push(await remedyModule('restart').prepare(ctx, params.get('restart')!, defaults));
    }
    // One notice per remedy that already holds.
    const notices: Notice[] = parts
      .filter((p) => p.plan.alreadyApplied)
      .map((p) => ({
        level: 'info',
        text: text('jobNotes.runbook.skipped', { remedy: { text: remedyTitle(p.plan.remedy) } }),
      }));
    if (tests) notices.push({ level: 'info', text: jobTestNotice });
    return jobPlan(RUNBOOK_NAME, RUNBOOK_TITLE, parts, notices);
  };
}

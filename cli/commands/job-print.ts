import { renderText, type Readable } from '@/lib/i18n/text';
import type { JobPlan, JobView } from '@/lib/jobs/types';

// How the CLI shows a plan (the preview) and a finished job. English: the CLI's users read it in terminals and logs.
const en = (t: Readable | null | undefined) => renderText(t, 'en');

export function planText(plan: JobPlan): string {
  const out: string[] = [`${en(plan.title)} — plan ${plan.hash}`];
  for (const p of plan.parts) {
    const state = p.alreadyApplied
      ? 'already applied, skipped'
      : `${en(p.current)} → ${en(p.wanted)}`;
    out.push(
      `  ${p.remedy}: ${state}${p.needsRestart && !p.alreadyApplied ? ' (takes effect after a restart)' : ''}`,
    );
  }
  for (const n of plan.notices) out.push(`  [${n.level}] ${en(n.text)}`);
  if (plan.steps.length === 0) out.push('  nothing to do');
  plan.steps.forEach((s, i) => {
    out.push(
      `  ${i + 1}. [${plan.parts[s.part]?.remedy ?? '?'}] ${en(s.title)} (${s.where}, timeout ${Math.round(s.timeoutMs / 1000)} s)`,
    );
    if (s.argv) out.push(`       argv: ${JSON.stringify(s.argv)}`);
    if (s.diff)
      out.push(
        ...s.diff.unified
          .trimEnd()
          .split('\n')
          .map((l) => `       ${l}`),
      );
    if (s.changes)
      for (const c of s.changes)
        out.push(`       ${c.path}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
  });
  return out.join('\n');
}

export function resultText(job: JobView): string {
  const out = [`job ${job.id}: ${job.status}`];
  for (const v of job.result?.verifications ?? [])
    out.push(`  ${v.ok ? 'ok  ' : 'FAIL'} ${v.remedy}: ${en(v.detail)}`);
  if (job.error) out.push(`  error: ${job.error}`);
  if (job.result?.restoreHint) out.push(`  ${en(job.result.restoreHint)}`);
  const tests = job.result?.tests;
  if (tests?.before) out.push(`  test before ${tests.before.runId}: ${en(tests.before.summary)}`);
  if (tests?.after) out.push(`  test after  ${tests.after.runId}: ${en(tests.after.summary)}`);
  if (tests?.verdict) out.push(`  ${en(tests.verdict)}`);
  if (job.undoable) out.push(`  undo: dhc remedy ... --undo ${job.id}`);
  return out.join('\n');
}

import { renderText } from '@/lib/i18n/text';
import type { JobPlan } from './types';

// The plans recently shown as previews (this process only), so that a run whose fresh plan differs from the one
// confirmed can say what changed instead of only "something did".
const MAX = 200;
const recent = new Map<string, JobPlan>();

export function rememberPreview(plan: JobPlan): void {
  recent.delete(plan.hash);
  recent.set(plan.hash, plan);
  while (recent.size > MAX) recent.delete(recent.keys().next().value!);
}

export function whatChanged(confirmed: string, fresh: JobPlan): string {
  const old = recent.get(confirmed);
  if (!old) return 'the confirmed plan is not known to this console process';
  const out: string[] = [];
  const parts = new Map(old.parts.map((p) => [p.remedy, p]));
  for (const p of fresh.parts) {
    const o = parts.get(p.remedy);
    if (!o) out.push(`${p.remedy}: new in the plan`);
    else if (renderText(o.current, 'en') !== renderText(p.current, 'en'))
      out.push(
        `${p.remedy}: now "${renderText(p.current, 'en')}" (was "${renderText(o.current, 'en')}")`,
      );
    else if (o.alreadyApplied !== p.alreadyApplied)
      out.push(`${p.remedy}: ${p.alreadyApplied ? 'now already applied' : 'no longer applied'}`);
  }
  for (const o of old.parts)
    if (!fresh.parts.some((p) => p.remedy === o.remedy))
      out.push(`${o.remedy}: no longer in the plan`);
  const norm = (s: unknown) => JSON.stringify(s).replace(/\d{8}t\d{6}z/gi, 'STAMP');
  fresh.steps.forEach((s, i) => {
    const o = old.steps[i];
    if (out.length < 6 && norm(o) !== norm(s))
      out.push(`step ${i + 1} (${renderText(s.title, 'en')}) differs`);
  });
  return out.join('; ') || 'the steps differ';
}

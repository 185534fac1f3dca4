import { createHash } from 'node:crypto';
import type { Text } from '@/lib/i18n/text';
import type { Notice, Prepared, RunnableStep, StepDescription } from '@/lib/remedies/types';
import type { JobPlan } from './types';

// A job's plan from its prepared parts: what the preview shows and what the run executes, step for step.

function describe(s: RunnableStep): StepDescription {
  const { run: _run, rollback: _rb, ...d } = s;
  return d;
}

export function jobPlan(
  name: string,
  title: Text,
  parts: Prepared[],
  extraNotices: Notice[] = [],
): { plan: JobPlan; steps: RunnableStep[] } {
  const steps: RunnableStep[] = [];
  const described: JobPlan['steps'] = [];
  parts.forEach((p, part) => {
    for (const s of p.steps) {
      steps.push(s);
      described.push({ ...describe(s), part });
    }
  });
  const notices = [...extraNotices, ...parts.flatMap((p) => p.plan.notices)];
  const body = { name, parts: parts.map((p) => p.plan), steps: described, notices };
  // Backup names and temporary directories carry the time of planning; what the operator confirms is the rest.
  const stable = JSON.stringify(body).replace(/\d{8}t\d{6}z/gi, 'STAMP');
  const hash = createHash('sha256').update(stable).digest('hex').slice(0, 16);
  return {
    plan: { name, title, parts: parts.map((p) => p.plan), steps: described, notices, hash },
    steps,
  };
}

export function isBlocked(plan: JobPlan): Notice | undefined {
  return plan.notices.find((n) => n.level === 'block');
}

'use client';

import type { JobPlan } from '@/lib/jobs/types';
import { remedyTitle } from '@/lib/diagnosis/remedies';
import { useI18n } from '../i18n-provider';
import { Notice } from '../ui/notice';
import { useText } from '../common/use-text';
import { StepExact } from './step-exact';

// The preview: the notices (domain truths, warnings, refusals) first, per part the state now and after, then each
// step in one sentence with what it does exactly one click away (lib: step-exact.tsx).

export function PlanView({ plan }: { plan: JobPlan }) {
  const { t } = useI18n();
  const tx = useText();
  return (
    <div className="space-y-3 text-sm" data-testid="plan-view" data-plan-hash={plan.hash}>
      {/* Warnings, refusals and the domain's truths first: read before the steps, not after 20 of them. */}
      {plan.notices.map((n, i) => (
        <Notice
          key={i}
          tone={n.level === 'block' ? 'error' : n.level === 'warn' ? 'warning' : 'info'}
          testId={`plan-notice-${n.level}`}
        >
          {n.level === 'block' && <strong>{t('jobs.preview.blocked')}: </strong>}
          {tx(n.text)}
        </Notice>
      ))}
      <ul className="space-y-1">
        {plan.parts.map((p, i) => (
          <li
            key={i}
            className="rounded border border-slate-200 px-2 py-1"
            data-testid={`plan-part-${p.remedy}`}
          >
            <span className="font-medium">{tx(remedyTitle(p.remedy))}</span>{' '}
            {p.alreadyApplied ? (
              <span className="text-emerald-700">{t('jobs.preview.alreadyApplied')}</span>
            ) : (
              <span className="text-slate-600">
                {t('jobs.preview.current')}: {tx(p.current)} → {t('jobs.preview.wanted')}:{' '}
                {tx(p.wanted)}
              </span>
            )}
            {p.needsRestart && !p.alreadyApplied && (
              <span className="ml-2 text-xs text-amber-700">{t('jobs.preview.needsRestart')}</span>
            )}
          </li>
        ))}
      </ul>
      <div>
        <h3 className="font-medium text-slate-800">{t('jobs.preview.steps')}</h3>
        {plan.steps.length === 0 && <p className="text-slate-500">{t('jobs.preview.noSteps')}</p>}
        <ol className="mt-1 space-y-2">
          {plan.steps.map((s, i) => (
            <li key={i} className="rounded border border-slate-200 p-2" data-testid="plan-step">
              <div className="flex flex-wrap items-baseline gap-2">
                <span className="font-mono text-xs text-slate-500">{i + 1}.</span>
                <span className="font-medium">{tx(s.title)}</span>
                <span className="text-xs text-slate-500">
                  {t(`jobs.preview.where.${s.where}`)} ·{' '}
                  {t('jobs.preview.timeout', { seconds: Math.round(s.timeoutMs / 1000) })}
                  {s.durable && (
                    <>
                      {' '}
                      ·{' '}
                      <span title={t('jobs.preview.durableHint')}>{t('jobs.preview.durable')}</span>
                    </>
                  )}
                </span>
              </div>
              <StepExact step={s} />
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

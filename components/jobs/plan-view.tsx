'use client';

import type { JobPlan } from '@/lib/jobs/types';
import { remedyTitle } from '@/lib/diagnosis/remedies';
import { useI18n } from '../i18n-provider';
import { Notice } from '../ui/notice';
import { useText } from '../common/use-text';

// The preview: per part the state now and after, the notices (domain truths, warnings, refusals), and every step
// exactly: its argv, the diff of the file it edits, or the container configuration it changes.

function DiffBlock({ text }: { text: string }) {
  return (
    <pre
      className="mt-1 max-h-72 overflow-auto rounded bg-slate-950 p-2 text-xs leading-5 text-slate-100"
      data-testid="plan-diff"
    >
      {text
        .trimEnd()
        .split('\n')
        .map((l, i) => (
          <div
            key={i}
            className={
              l.startsWith('+') && !l.startsWith('+++')
                ? 'text-emerald-300'
                : l.startsWith('-') && !l.startsWith('---')
                  ? 'text-red-300'
                  : l.startsWith('@@')
                    ? 'text-sky-300'
                    : ''
            }
          >
            {l || ' '}
          </div>
        ))}
    </pre>
  );
}

export function PlanView({ plan }: { plan: JobPlan }) {
  const { t } = useI18n();
  const tx = useText();
  return (
    <div className="space-y-3 text-sm" data-testid="plan-view" data-plan-hash={plan.hash}>
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
              {s.argv && (
                <pre
                  className="mt-1 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono text-xs"
                  data-testid="plan-argv"
                >
                  {JSON.stringify(s.argv)}
                </pre>
              )}
              {s.diff && <DiffBlock text={s.diff.unified} />}
              {s.changes && s.changes.length > 0 && (
                <table className="mt-1 w-full text-xs" data-testid="plan-changes">
                  <caption className="text-left text-slate-500">
                    {t('jobs.preview.changes')}
                  </caption>
                  <tbody>
                    {s.changes.map((c) => (
                      <tr key={c.path} className="border-t border-slate-100">
                        <td className="py-0.5 pr-2 font-mono">{c.path}</td>
                        <td className="py-0.5 pr-2 font-mono text-red-700">
                          {JSON.stringify(c.before)}
                        </td>
                        <td className="py-0.5 font-mono text-emerald-700">
                          {JSON.stringify(c.after)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

'use client';

import type { TallyWithTimes } from '@/lib/diagnosis/events';
import { SIGNATURE_IDS } from '@/lib/diagnosis/signatures';
import type { ContainerReport } from '@/lib/probes/container';
import { useClock } from '../common/use-clock';
import { useI18n } from '../i18n-provider';
import { Card } from '../ui/card';
import { useDiagnosisText } from './diagnosis-text';
import { SIGNATURE_COLOURS } from './signature-colours';

function tasksOf(t: TallyWithTimes): string {
  return (
    t.taskIds.slice(0, 6).join(', ') + (t.taskIds.length > 6 ? ` (+${t.taskIds.length - 6})` : '')
  );
}

/** Events per signature inside the health window (what the findings count), and apart, those before it. */
export function SignatureCounts({ report }: { report: ContainerReport }) {
  const { t } = useI18n();
  const clock = useClock();
  const { signature, explanation } = useDiagnosisText();
  const lastOf = (x: TallyWithTimes) =>
    x.lastAt !== null ? clock.moment(x.lastAt) : (x.last ?? '?');
  return (
    <Card className="p-4" testId="signature-counts">
      <h2 className="mb-1 text-sm font-semibold text-slate-900">
        {t('health.container.signatures')}
      </h2>
      <p className="mb-2 text-xs text-slate-500">{t('health.container.signaturesHint')}</p>
      <ul className="space-y-1.5 text-sm">
        {SIGNATURE_IDS.map((id) => {
          const now = report.signatures[id];
          const before = report.history[id];
          return (
            <li
              key={id}
              data-testid="signature"
              data-signature={id}
              data-count={now.count}
              data-history={before.count}
              title={explanation(id)}
            >
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span
                  className={`inline-block min-w-8 rounded px-1.5 text-center text-xs font-semibold tabular-nums ${now.count ? SIGNATURE_COLOURS[id] : 'bg-slate-100 text-slate-400'}`}
                >
                  {now.count}
                </span>
                <span className={now.count ? 'text-slate-900' : 'text-slate-500'}>
                  {signature(id)}
                </span>
                {now.count > 0 && now.taskIds.length > 0 && (
                  <span
                    className="break-all font-mono text-xs text-slate-500"
                    data-testid="signature-tasks"
                  >
                    {t('health.container.signatureTasks', { tasks: tasksOf(now) })}
                  </span>
                )}
              </div>
              {before.count > 0 && (
                <p className="pl-10 text-xs text-slate-500" data-testid="signature-history">
                  {t('health.container.signaturesBefore', {
                    count: before.count,
                    at: lastOf(before),
                  })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

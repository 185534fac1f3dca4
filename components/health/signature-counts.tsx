'use client';

import { SIGNATURE_IDS } from '@/lib/diagnosis/signatures';
import type { SignatureSummary } from '@/lib/diagnosis/scanner';
import { useI18n } from '../i18n-provider';
import { Card } from '../ui/card';
import { useDiagnosisText } from './diagnosis-text';
import { SIGNATURE_COLOURS } from './signature-colours';

/** Hits of each signature since the console started reading this container's logs, with their task ids. */
export function SignatureCounts({ signatures }: { signatures: SignatureSummary }) {
  const { t } = useI18n();
  const { signature, explanation } = useDiagnosisText();
  return (
    <Card className="p-4" testId="signature-counts">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">{t('health.container.signatures')}</h2>
      <ul className="space-y-1.5 text-sm">
        {SIGNATURE_IDS.map((id) => {
          const s = signatures[id];
          return (
            <li key={id} data-testid="signature" data-signature={id} data-count={s.count} title={explanation(id)} className="flex flex-wrap items-baseline gap-x-2">
              <span className={`inline-block min-w-8 rounded px-1.5 text-center text-xs font-semibold tabular-nums ${s.count ? SIGNATURE_COLOURS[id] : 'bg-slate-100 text-slate-400'}`}>{s.count}</span>
              <span className={s.count ? 'text-slate-900' : 'text-slate-400'}>{signature(id)}</span>
              {s.count > 0 && s.taskIds.length > 0 && (
                <span className="break-all font-mono text-xs text-slate-500" data-testid="signature-tasks">
                  {t('health.container.signatureTasks', { tasks: s.taskIds.slice(0, 6).join(', ') + (s.taskIds.length > 6 ? ` (+${s.taskIds.length - 6})` : '') })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

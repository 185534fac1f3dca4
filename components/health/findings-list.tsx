'use client';

import type { Finding } from '@/lib/diagnosis/diagnose';
import { useI18n } from '../i18n-provider';
import { Card } from '../ui/card';
import { useDiagnosisText } from './diagnosis-text';
import { SeverityBadge } from './health-badge';

/** Ranked findings, each with its evidence and the remedies in procedure order, in the user's language. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  const { t } = useI18n();
  const { message, remedy } = useDiagnosisText();
  // A fact that backs several findings is listed under the first only; later ones point back to it.
  const firstRank = new Map<string, number>();
  const shown = findings.map((f, i) => {
    const fresh: string[] = [];
    let seenUnder: number | null = null;
    for (const text of f.evidence.map(message)) {
      const rank = firstRank.get(text);
      if (rank === undefined) {
        firstRank.set(text, i + 1);
        fresh.push(text);
      } else if (rank !== i + 1) seenUnder = Math.min(seenUnder ?? rank, rank);
    }
    const repeated = f.evidence.length - fresh.length;
    return { fresh, repeated, seenUnder };
  });
  return (
    <Card className="p-4" testId="findings">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">
        {t('health.container.findings')}
      </h2>
      <ol className="space-y-3">
        {findings.map((f, i) => (
          <li
            key={f.id}
            data-testid="finding"
            data-finding={f.id}
            data-rank={i + 1}
            className="rounded-md border border-slate-100 bg-slate-50/60 p-3"
          >
            <div className="flex items-center gap-2">
              <span className="text-xs font-semibold tabular-nums text-slate-400">{i + 1}</span>
              <SeverityBadge severity={f.severity} />
              <span className="font-medium text-slate-900" data-testid="finding-title">
                {message(f.title)}
              </span>
            </div>
            {shown[i]!.fresh.length > 0 && (
              <ul
                className="mt-2 list-disc space-y-0.5 pl-8 text-sm text-slate-700"
                aria-label={t('health.container.evidence')}
              >
                {shown[i]!.fresh.map((text, j) => (
                  <li key={j} data-testid="evidence">
                    {text}
                  </li>
                ))}
              </ul>
            )}
            {shown[i]!.seenUnder !== null && (
              <p className="mt-1 pl-8 text-xs text-slate-500" data-testid="evidence-elsewhere">
                {t('health.container.evidenceElsewhere', {
                  count: shown[i]!.repeated,
                  rank: shown[i]!.seenUnder!,
                })}
              </p>
            )}
            {f.remedies.length > 0 && (
              <div className="mt-2 pl-6 text-xs text-slate-600">
                <span className="font-semibold">{t('health.container.remedies')}: </span>
                <span data-testid="remedies">
                  {f.remedies.map((r, k) => {
                    const params = f.remedyParams[r];
                    return (
                      <span key={r} data-remedy={r}>
                        {k > 0 && ' → '}
                        {remedy(r)}
                        {params && ` (${Object.values(params).join(', ')})`}
                      </span>
                    );
                  })}
                </span>
              </div>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}

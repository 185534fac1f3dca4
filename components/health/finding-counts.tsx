'use client';

import type { FindingId, Severity } from '@/lib/diagnosis/diagnose';
import { msg } from '@/lib/diagnosis/messages';
import { useI18n } from '../i18n-provider';
import { useDiagnosisText } from './diagnosis-text';

const RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1, ok: 0 };
const DOT: Record<Severity, string> = {
  critical: 'bg-red-500',
  warning: 'bg-amber-500',
  info: 'bg-sky-500',
  ok: 'bg-emerald-500',
};

/** How many containers have each finding, worst and most frequent first; a click filters the table to that finding. */
export function FindingCounts({
  counts,
  severity,
  active,
  onPick,
}: {
  counts: Partial<Record<FindingId, number>>;
  severity: Partial<Record<FindingId, Severity>>;
  active: string;
  onPick: (id: FindingId | '') => void;
}) {
  const { t } = useI18n();
  const { message } = useDiagnosisText();
  const rank = (id: FindingId) => RANK[severity[id] ?? 'info'];
  const entries = (Object.entries(counts) as [FindingId, number][]).sort(
    (a, b) => rank(b[0]) - rank(a[0]) || b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  if (entries.length === 0) return null;
  return (
    <div className="mb-4" data-testid="finding-counts">
      <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t('health.counts')}
      </h2>
      <div className="flex flex-wrap gap-2">
        {entries.map(([id, n]) => (
          <button
            key={id}
            type="button"
            data-testid="finding-count"
            data-finding={id}
            title={t('health.countsHint')}
            onClick={() => onPick(active === id ? '' : id)}
            className={`inline-flex items-center gap-2 rounded-md border px-2.5 py-1 text-sm ${active === id ? 'border-sky-500 bg-sky-50 text-sky-800' : 'border-slate-200 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            <span className={`h-2 w-2 rounded-full ${DOT[severity[id] ?? 'info']}`} />
            <span>{message(msg(`finding.${id}`))}</span>
            <span className="rounded bg-slate-100 px-1.5 text-xs font-semibold tabular-nums text-slate-700">
              {n}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

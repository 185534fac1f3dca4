'use client';

import { ALL_OPTIONS, RUNBOOK_TEST_OPTION } from '@/lib/remedies/options';
import { formatBytes } from '@/lib/validate/values';
import { useI18n } from '../i18n-provider';

/** A job's options as a labelled list in the reader's language (not its raw JSON); nothing when it had none. */
export function JobParams({ params }: { params: Record<string, unknown> }) {
  const { t } = useI18n();
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) return null;
  const label = (key: string): string => {
    if (key === RUNBOOK_TEST_OPTION) return t('jobs.panel.runbookTest');
    const option = ALL_OPTIONS.find((o) => o.key === key);
    return option ? t(option.label) : key;
  };
  const value = (key: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('jobs.job.yes') : t('jobs.job.no');
    // Sizes are kept in bytes; shown as the form takes them (2g, 512m).
    if (key === 'size' && typeof v === 'number') return formatBytes(v);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  };
  return (
    <dl className="flex flex-wrap gap-x-3 gap-y-1 text-xs" data-testid="job-params">
      {entries.map(([k, v]) => (
        <div key={k} className="flex gap-1" data-param={k}>
          <dt className="text-slate-500">{label(k)}:</dt>
          <dd className="font-medium text-slate-800">{value(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

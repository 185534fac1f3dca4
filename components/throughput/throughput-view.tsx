'use client';

import { useClock } from '../common/use-clock';
import Link from 'next/link';
import { useThroughputRuns } from '@/lib/swr/use-throughput';
import { useText } from '../common/use-text';
import { useI18n } from '../i18n-provider';
import { Card, PageHeader } from '../ui/card';
import { InputsPanel } from './inputs-panel';
import { RunForm } from './run-form';
import { StatusBadge } from './status-badge';

export function ThroughputView({ canRun }: { canRun: boolean }) {
  const clock = useClock();
  const { t } = useI18n();
  const tx = useText();
  const { data } = useThroughputRuns();
  return (
    <div className="space-y-4">
      <PageHeader title={t('throughput.title')} subtitle={t('throughput.subtitle')} />
      <InputsPanel canRun={canRun} />
      {canRun && <RunForm />}
      <Card className="p-4" testId="tp-runs">
        <h2 className="mb-2 font-semibold">{t('throughput.runs')}</h2>
        {(data?.runs ?? []).length === 0 && (
          <p className="text-sm text-slate-500">{t('throughput.noRuns')}</p>
        )}
        <ul className="divide-y divide-slate-200 text-sm">
          {(data?.runs ?? []).map((r) => (
            <li key={r.id} className="flex items-center gap-3 py-1">
              <StatusBadge status={r.status} />
              <span>{r.container}</span>
              <span className="text-slate-500">{clock.iso(r.startedAt)}</span>
              <span className="text-slate-600">{tx(r.detail.verdict)}</span>
              <Link className="ml-auto text-sky-700" href={`/throughput/runs/${r.id}`}>
                {t('throughput.open')}
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

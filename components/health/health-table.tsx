'use client';

import Link from 'next/link';
import type { ContainerHealthRow } from '@/lib/health/overview';
import { Badge } from '../ui/badge';
import { useI18n } from '../i18n-provider';
import { useDiagnosisText } from './diagnosis-text';
import { HealthBadge, SeverityBadge } from './health-badge';
import { timeAgo } from './time-ago';

export function containerHref(hostId: string, name: string): string {
  return `/containers/${encodeURIComponent(hostId)}/${encodeURIComponent(name)}`;
}

export function HealthTable({ rows }: { rows: ContainerHealthRow[] }) {
  const { t } = useI18n();
  const { message } = useDiagnosisText();
  const th = 'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500';
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="health-table">
        <thead className="bg-slate-50">
          <tr>
            <th className={th}>{t('health.columns.health')}</th>
            <th className={th}>{t('health.columns.container')}</th>
            <th className={th}>{t('health.columns.host')}</th>
            <th className={th}>{t('health.columns.top')}</th>
            <th className={`${th} text-right`}>{t('health.columns.gpu')}</th>
            <th className={th}>{t('health.columns.probed')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr
              key={`${r.hostId}/${r.name}`}
              data-testid="health-row"
              data-container={r.name}
              data-host={r.hostName}
              data-health={r.health}
              className="hover:bg-slate-50"
            >
              <td className="px-3 py-2 whitespace-nowrap">
                <HealthBadge health={r.health} />
                {r.busy && (
                  <span className="ml-1.5" data-testid="row-busy" data-busy-kind={r.busy.kind}>
                    <Badge tone="sky">{t(`health.busyShort.${r.busy.kind}`)}</Badge>
                  </span>
                )}
              </td>
              <td className="px-3 py-2 font-medium">
                <Link
                  href={containerHref(r.hostId, r.name)}
                  className="text-sky-700 hover:underline"
                  data-testid="container-link"
                >
                  {r.name}
                </Link>
              </td>
              <td className="px-3 py-2 text-slate-600">
                {r.hostName}
                {r.groups.length > 0 && (
                  <span className="ml-2 text-xs text-slate-400">{r.groups.join(', ')}</span>
                )}
              </td>
              <td className="px-3 py-2" data-testid="top-finding" data-finding={r.top?.id ?? ''}>
                {r.top ? (
                  <span className="inline-flex items-center gap-2">
                    <SeverityBadge severity={r.top.severity} />
                    <span className="text-slate-800">{message(r.top.title)}</span>
                  </span>
                ) : (
                  <span className="text-slate-400">{t('health.noFinding')}</span>
                )}
              </td>
              <td className="px-3 py-2 text-right tabular-nums text-slate-700">
                {r.gpuUtilPct === null ? '—' : `${r.gpuUtilPct} %`}
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-500">
                {timeAgo(r.at, t)}
                {r.stale && (
                  <span className="ml-2" title={t('health.staleHint')}>
                    <Badge tone="slate">{t('health.stale')}</Badge>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { ApiError } from '@/lib/swr/fetch-json';
import { useContainer } from '@/lib/swr/use-container';
import { useClock } from '../common/use-clock';
import { useErrorText } from '../error-text';
import { Badge } from '../ui/badge';
import { Notice } from '../ui/notice';
import { ContainerCharts } from './container-charts';
import { ContainerStatus } from './container-status';
import { FindingsList } from './findings-list';
import { HealthBadge } from './health-badge';
import { LogViewer } from './log-viewer';
import { ProbeValues } from './probe-values';
import { SignatureCounts } from './signature-counts';
import { timeAgo } from './time-ago';

/** Status and findings first, then what to do about them (`remediation`), then the values, history and the log. */
export function ContainerView({
  hostId,
  name,
  remediation,
}: {
  hostId: string;
  name: string;
  remediation?: ReactNode;
}) {
  const { t, summary } = useErrorText();
  const clock = useClock();
  const { data, error } = useContainer(hostId, name);
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="space-y-4">
      <div>
        <Link
          href="/health"
          className="text-sm text-sky-700 hover:underline"
          data-testid="back-to-health"
        >
          {t('health.container.back')}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-lg font-semibold text-slate-900" data-testid="container-title">
            {t('health.container.title', { name, host: data?.host.name ?? '…' })}
          </h1>
          {data && <HealthBadge health={data.row.health} />}
          {data?.row.stale && (
            <span title={t('health.staleHint')}>
              <Badge tone="slate">{t('health.stale')}</Badge>
            </span>
          )}
          {data && (
            <span className="text-xs text-slate-500" title={clock.iso(data.report.at)}>
              {t('health.container.probed', { time: timeAgo(data.report.at, t) })}
            </span>
          )}
        </div>
      </div>
      {notFound && <Notice tone="info">{t('health.container.notFound')}</Notice>}
      {error && !notFound && (
        <Notice tone="error">
          {error instanceof ApiError ? summary(error.error) : t('errors.network')}
        </Notice>
      )}
      {!data && !error && <p className="text-slate-500">{t('common.loading')}</p>}
      {data && (
        <>
          <ContainerStatus report={data.report} />
          <FindingsList findings={data.report.diagnosis.findings} />
          {remediation}
          <div className="grid gap-4 lg:grid-cols-2">
            <ProbeValues report={data.report} />
            <SignatureCounts report={data.report} />
          </div>
          <ContainerCharts hostId={hostId} name={name} report={data.report} />
          <LogViewer hostId={hostId} name={name} inTransition={Boolean(data.report.transition)} />
        </>
      )}
      {!data && remediation}
    </div>
  );
}

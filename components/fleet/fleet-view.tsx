'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { useHealth } from '@/lib/swr/use-health';
import { FindingCounts } from '../health/finding-counts';
import type { HostStatus } from '@/lib/fleet/snapshot';
import { ApiError } from '@/lib/swr/fetch-json';
import { useHosts } from '@/lib/swr/use-hosts';
import { useErrorText } from '../error-text';
import { PageHeader } from '../ui/card';
import { Notice } from '../ui/notice';
import { HostCard } from './host-card';
import { StatusCounts } from './status-counts';

export function FleetView({ isAdmin }: { isAdmin: boolean }) {
  const { t, summary } = useErrorText();
  const { data, error } = useHosts();
  const { data: health } = useHealth();
  const router = useRouter();
  const [statuses, setStatuses] = useState<Record<string, HostStatus>>({});
  const onStatus = useCallback((id: string, status: HostStatus) => {
    setStatuses((prev) => (prev[id] === status ? prev : { ...prev, [id]: status }));
  }, []);
  const hosts = data?.hosts ?? [];
  const reachable = hosts.filter((h) => statuses[h.id] === 'reachable').length;

  return (
    <div>
      <PageHeader
        title={t('fleet.title')}
        subtitle={data ? <span data-testid="fleet-summary">{t('fleet.hostsSummary', { reachable, total: hosts.length })}</span> : undefined}
        actions={<StatusCounts statuses={hosts.map((h) => statuses[h.id])} />}
      />
      {error && (
        <div className="mb-3">
          <Notice tone="error">{t('fleet.stale', { message: error instanceof ApiError ? summary(error.error) : t('errors.network') })}</Notice>
        </div>
      )}
      {health && (
        <FindingCounts counts={health.findingCounts} severity={health.findingSeverity} active="" onPick={(id) => router.push(id ? `/health?finding=${id}` : '/health')} />
      )}
      {!data && !error && <p className="text-slate-500">{t('common.loading')}</p>}
      {data && hosts.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-500">
          <p>{t('fleet.empty')}</p>
          {isAdmin && <Link href="/hosts" className="mt-2 inline-block text-sky-700 hover:underline">{t('fleet.emptyAdmin')}</Link>}
        </div>
      )}
      <div className="space-y-3">
        {hosts.map((host) => (
          <HostCard key={host.id} host={host} isAdmin={isAdmin} onStatus={onStatus} />
        ))}
      </div>
    </div>
  );
}

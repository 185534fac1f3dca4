'use client';

import { useMemo, useState } from 'react';
import type { FindingId } from '@/lib/diagnosis/diagnose';
import { ApiError } from '@/lib/swr/fetch-json';
import { useHealth } from '@/lib/swr/use-health';
import { useErrorText } from '../error-text';
import { PageHeader } from '../ui/card';
import { Notice } from '../ui/notice';
import { Button } from '../ui/button';
import { FindingCounts } from './finding-counts';
import { HealthFilters, type HealthFilter } from './health-filters';
import { HealthTable } from './health-table';

const NO_FILTER: HealthFilter = { group: '', finding: '', health: '' };

/** Every probed container with its health and top finding; filters apply in the browser, data polls via SWR. */
export function FleetHealthView({ initial }: { initial?: Partial<HealthFilter> }) {
  const { t, summary } = useErrorText();
  const { data, error } = useHealth();
  const [filter, setFilter] = useState<HealthFilter>({ ...NO_FILTER, ...initial });
  const change = (f: HealthFilter) => {
    setFilter(f);
    // Kept in the address so a filtered view can be bookmarked or shared (no navigation, no reload).
    const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]);
    window.history.replaceState(null, '', q.size ? `?${q}` : window.location.pathname);
  };
  const groups = useMemo(() => [...new Set((data?.hosts ?? []).flatMap((h) => h.groups))].sort(), [data]);
  const findings = useMemo(() => Object.keys(data?.findingCounts ?? {}).sort() as FindingId[], [data]);
  const rows = (data?.containers ?? []).filter(
    (c) => (!filter.group || c.groups.includes(filter.group)) && (!filter.finding || c.findings.includes(filter.finding)) && (!filter.health || c.health === filter.health),
  );
  const failed = (data?.hosts ?? []).filter((h) => h.ok === false);
  const pending = (data?.hosts ?? []).filter((h) => h.ok === null);

  return (
    <div>
      <PageHeader
        title={t('health.title')}
        subtitle={data ? <span data-testid="health-summary">{t('health.subtitle', { containers: data.containers.length, hosts: data.hosts.length, seconds: data.intervalMs / 1000 })}</span> : undefined}
        actions={filter.group || filter.finding || filter.health ? <Button onClick={() => change(NO_FILTER)}>{t('health.clearFilters')}</Button> : undefined}
      />
      {error && <div className="mb-3"><Notice tone="error">{error instanceof ApiError ? summary(error.error) : t('errors.network')}</Notice></div>}
      {failed.map((h) => (
        <div key={h.id} className="mb-2" data-testid="host-probe-failed" data-host={h.name}>
          <Notice tone="warning">{t('health.hostFailed', { name: h.name, error: h.error ?? '' })}</Notice>
        </div>
      ))}
      {!data && !error && <p className="text-slate-500">{t('common.loading')}</p>}
      {data && (
        <>
          <FindingCounts counts={data.findingCounts} severity={data.findingSeverity} active={filter.finding} onPick={(finding) => change({ ...filter, finding })} />
          <HealthFilters value={filter} onChange={change} groups={groups} findings={findings} healthCounts={data.healthCounts} />
          {data.containers.length === 0 ? (
            <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-500" data-testid="health-empty">
              {pending.length > 0 ? t('health.waiting') : t('health.empty')}
            </div>
          ) : (
            <>
              <p className="mb-2 text-xs text-slate-500" data-testid="health-showing">{t('health.showing', { shown: rows.length, total: data.containers.length })}</p>
              <HealthTable rows={rows} />
            </>
          )}
          {pending.length > 0 && data.containers.length > 0 && (
            <p className="mt-2 text-xs text-slate-500">{pending.map((h) => t('health.hostPending', { name: h.name })).join(' · ')}</p>
          )}
        </>
      )}
    </div>
  );
}

'use client';

import Link from 'next/link';
import { useCallback, useMemo, useState } from 'react';
import type { HostStatus } from '@/lib/fleet/snapshot';
import { ApiError } from '@/lib/swr/fetch-json';
import { useHealth } from '@/lib/swr/use-health';
import { useHosts } from '@/lib/swr/use-hosts';
import { useErrorText } from '../error-text';
import {
  isFiltered,
  matchesHealthFilter,
  NO_FILTER,
  type HealthFilter,
} from '../health/health-filter';
import { HealthFilterBar } from '../health/health-filter-bar';
import { useHealthFilter } from '../health/use-health-filter';
import { BatchPanel } from '../jobs/batch-panel';
import { Button } from '../ui/button';
import { PageHeader } from '../ui/card';
import { Notice } from '../ui/notice';
import { HostCard } from './host-card';
import { FleetSortProvider } from './sort-header';
import { StatusCounts } from './status-counts';

/** Hosts and their containers (live snapshots) with each container's health; filters apply in place, nothing reloads. */
export function FleetView({
  isAdmin,
  canRun = false,
  initial,
}: {
  isAdmin: boolean;
  canRun?: boolean;
  initial?: Partial<HealthFilter>;
}) {
  const { t, summary } = useErrorText();
  const { data, error } = useHosts();
  const { data: health } = useHealth();
  const [filter, change] = useHealthFilter(initial);
  const [statuses, setStatuses] = useState<Record<string, HostStatus>>({});
  const onStatus = useCallback((id: string, status: HostStatus) => {
    setStatuses((prev) => (prev[id] === status ? prev : { ...prev, [id]: status }));
  }, []);
  const hosts = useMemo(() => data?.hosts ?? [], [data]);
  const hostGroups = useMemo(() => hosts.flatMap((h) => h.groups), [hosts]);
  const reachable = hosts.filter((h) => statuses[h.id] === 'reachable').length;
  const filtered = isFiltered(filter);
  const matching = (health?.containers ?? []).filter((c) => matchesHealthFilter(c, filter)).length;

  return (
    <FleetSortProvider>
      <PageHeader
        title={t('fleet.title')}
        subtitle={
          data ? (
            <span data-testid="fleet-summary">
              {t('fleet.hostsSummary', { reachable, total: hosts.length })}
            </span>
          ) : undefined
        }
        actions={
          <>
            <StatusCounts statuses={hosts.map((h) => statuses[h.id])} />
            {filtered && (
              <Button onClick={() => change(NO_FILTER)} data-testid="clear-filters">
                {t('health.clearFilters')}
              </Button>
            )}
          </>
        }
      />
      {error && (
        <div className="mb-3">
          <Notice tone="error">
            {t('fleet.stale', {
              message: error instanceof ApiError ? summary(error.error) : t('errors.network'),
            })}
          </Notice>
        </div>
      )}
      {health && hosts.length > 0 && (
        <div data-testid="fleet-health-filters">
          <HealthFilterBar
            data={health}
            filter={filter}
            onChange={change}
            extraGroups={hostGroups}
          />
          <p className="mb-3 text-xs text-slate-500">
            {filtered && (
              <span className="mr-3" data-testid="fleet-showing">
                {t('health.showing', { shown: matching, total: health.containers.length })}
              </span>
            )}
            <Link
              href="/health"
              className="text-sky-700 hover:underline"
              data-testid="fleet-health-link"
            >
              {t('fleet.allHealth')}
            </Link>
          </p>
        </div>
      )}
      {!data && !error && <p className="text-slate-500">{t('common.loading')}</p>}
      {data && hosts.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-500">
          <p>{t('fleet.empty')}</p>
          {isAdmin && (
            <Link href="/hosts" className="mt-2 inline-block text-sky-700 hover:underline">
              {t('fleet.emptyAdmin')}
            </Link>
          )}
        </div>
      )}
      {health && filtered && matching === 0 && hosts.length > 0 && (
        <div
          className="mb-3 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-6 text-center text-slate-500"
          data-testid="fleet-no-match"
        >
          {t('health.noMatch')}
        </div>
      )}
      {canRun && hosts.length > 0 && (
        // Closed by default: the fleet is read far more often than a batch is started.
        <details className="mb-3" data-testid="fleet-batch">
          <summary className="cursor-pointer text-sm font-medium text-sky-700">
            {t('jobs.batch.title')}
          </summary>
          <div className="mt-2">
            <BatchPanel />
          </div>
        </details>
      )}
      <div className="space-y-3">
        {hosts.map((host) => (
          <HostCard
            key={host.id}
            host={host}
            isAdmin={isAdmin}
            onStatus={onStatus}
            filter={filter}
          />
        ))}
      </div>
    </FleetSortProvider>
  );
}

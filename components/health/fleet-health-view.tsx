'use client';

import Link from 'next/link';
import { ApiError } from '@/lib/swr/fetch-json';
import { useHealth } from '@/lib/swr/use-health';
import { useErrorText } from '../error-text';
import { PageHeader } from '../ui/card';
import { Notice } from '../ui/notice';
import { Button } from '../ui/button';
import { isFiltered, matchesHealthFilter, NO_FILTER, type HealthFilter } from './health-filter';
import { HealthFilterBar } from './health-filter-bar';
import { HealthTable } from './health-table';
import { useHealthFilter } from './use-health-filter';

/** Every probed container with its health and top finding; filters apply in the browser, data polls via SWR. */
export function FleetHealthView({ initial }: { initial?: Partial<HealthFilter> }) {
  const { t, summary } = useErrorText();
  const { data, error } = useHealth();
  const [filter, change] = useHealthFilter(initial);
  const rows = (data?.containers ?? []).filter((c) => matchesHealthFilter(c, filter));
  const failed = (data?.hosts ?? []).filter((h) => h.ok === false);
  const pending = (data?.hosts ?? []).filter((h) => h.ok === null);
  const downIds = new Set(failed.map((h) => h.id));

  return (
    <div>
      <PageHeader
        title={t('health.title')}
        subtitle={
          data ? (
            <span data-testid="health-summary">
              {/* A host that does not answer is named apart, not counted as a host the containers are on. */}
              {t(failed.length > 0 ? 'health.subtitleDown' : 'health.subtitle', {
                containers: data.containers.filter((c) => !downIds.has(c.hostId)).length,
                hosts: data.hosts.length - failed.length,
                down: failed.length,
                seconds: data.intervalMs / 1000,
              })}
            </span>
          ) : undefined
        }
        actions={
          <>
            {isFiltered(filter) && (
              <Button onClick={() => change(NO_FILTER)} data-testid="clear-filters">
                {t('health.clearFilters')}
              </Button>
            )}
            {/* A log a customer sent (not one of these containers) is classified the same way on the Check a log page. */}
            <Link
              href="/check-log"
              className="text-sm text-sky-700 hover:underline"
              data-testid="health-check-log"
            >
              {t('health.checkLog')}
            </Link>
          </>
        }
      />
      {error && (
        <div className="mb-3">
          <Notice tone="error">
            {error instanceof ApiError ? summary(error.error) : t('errors.network')}
          </Notice>
        </div>
      )}
      {failed.map((h) => (
        <div key={h.id} className="mb-2" data-testid="host-probe-failed" data-host={h.name}>
          <Notice tone={h.issue?.kind === 'hostkey_changed' ? 'error' : 'warning'}>
            <span
              data-testid="host-issue"
              data-kind={h.issue?.kind ?? 'failed'}
              title={h.issue?.detail ?? h.error}
            >
              {t('health.hostIssue', {
                name: h.name,
                issue: t(`health.issues.${h.issue?.kind ?? 'failed'}`),
              })}
            </span>
          </Notice>
        </div>
      ))}
      {!data && !error && <p className="text-slate-500">{t('common.loading')}</p>}
      {data && (
        <>
          <HealthFilterBar data={data} filter={filter} onChange={change} />
          {data.containers.length === 0 ? (
            <div
              className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-500"
              data-testid="health-empty"
            >
              {pending.length > 0 ? t('health.waiting') : t('health.empty')}
            </div>
          ) : (
            <>
              <p className="mb-2 text-xs text-slate-500" data-testid="health-showing">
                {t('health.showing', { shown: rows.length, total: data.containers.length })}
              </p>
              <HealthTable rows={rows} />
            </>
          )}
          {pending.length > 0 && data.containers.length > 0 && (
            <p className="mt-2 text-xs text-slate-500">
              {pending.map((h) => t('health.hostPending', { name: h.name })).join(' · ')}
            </p>
          )}
        </>
      )}
    </div>
  );
}

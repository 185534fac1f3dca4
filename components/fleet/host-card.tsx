'use client';

import { RAW_MARK, WithRaw } from '../common/with-raw';
import { useEffect } from 'react';
import type { HostStatus } from '@/lib/fleet/snapshot';
import type { HostView } from '@/lib/hosts/service';
import { ApiError } from '@/lib/swr/fetch-json';
import { useHostSnapshot } from '@/lib/swr/use-host-snapshot';
import { useHealth } from '@/lib/swr/use-health';
import { useErrorText } from '../error-text';
import {
  matchesContainer,
  matchesGroup,
  NO_FILTER,
  type HealthFilter,
} from '../health/health-filter';
import { Card } from '../ui/card';
import { ContainerTable } from './container-table';
import { HostStatusBadge } from './host-status-badge';
import { KeyPanel } from './key-panel';

/**
 * One host: polls its own snapshot and reports its status up for the page summary. A card the health filter
 * excludes stays mounted (hidden), so its polling and its status in the summary go on.
 */
export function HostCard({
  host,
  isAdmin,
  onStatus,
  filter = NO_FILTER,
}: {
  host: HostView;
  isAdmin: boolean;
  onStatus: (id: string, status: HostStatus) => void;
  filter?: HealthFilter;
}) {
  const { t, summary } = useErrorText();
  const { entry, generatedAt, error, mutate } = useHostSnapshot(host.id);
  const status = entry?.status;
  useEffect(() => {
    if (status) onStatus(host.id, status);
  }, [host.id, status, onStatus]);

  const shown = entry?.host ?? host;
  const containers = entry?.containers ?? [];
  const service = containers.filter((c) => c.isService);
  // One poll of /api/health serves every card (SWR shares it); rows by container name for this host.
  const { data: health } = useHealth();
  const healthRows = new Map(
    (health?.containers ?? []).filter((r) => r.hostId === host.id).map((r) => [r.name, r]),
  );
  // A container matches a finding / health filter only once it has been probed (a pending one has no findings).
  const byContainer = Boolean(filter.finding || filter.health);
  const shownContainers = byContainer
    ? service.filter((c) => {
        const row = healthRows.get(c.name);
        return row !== undefined && matchesContainer(row, filter);
      })
    : service;
  const filteredOut =
    !matchesGroup(shown.groups, filter) || (byContainer && shownContainers.length === 0);
  // Uptime is measured against the snapshot's time, so it matches what the server saw.
  const now = (generatedAt && Date.parse(generatedAt)) || Date.now();

  return (
    <div hidden={filteredOut} data-filtered-out={filteredOut ? 'true' : undefined}>
      <Card testId="host-card" className="overflow-hidden">
        <div
          data-host={shown.name}
          data-status={status ?? 'checking'}
          className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-2.5"
        >
          <h2 className="text-sm font-semibold text-slate-900">{shown.name}</h2>
          <HostStatusBadge status={status} />
          <span className="font-mono text-xs text-slate-500">
            {t('fleet.address', { user: shown.user, address: shown.address, port: shown.port })}
          </span>
          {shown.groups.map((g) => (
            <span key={g} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600">
              {g}
            </span>
          ))}
          {status === 'reachable' && (
            <span className="ml-auto text-xs text-slate-500">
              {t('fleet.serviceContainers')}:{' '}
              <span className="font-semibold text-slate-800">{service.length}</span>
              {containers.length > service.length && (
                <span className="ml-2">
                  {t('fleet.otherContainers', { count: containers.length - service.length })}
                </span>
              )}
            </span>
          )}
        </div>

        {error && (
          <p className="border-b border-slate-100 px-4 py-2 text-xs text-amber-800">
            {t('fleet.stale', {
              message: error instanceof ApiError ? summary(error.error) : t('errors.network'),
            })}
          </p>
        )}
        {entry?.error && status === 'unreachable' && (
          <p
            data-testid="host-error"
            data-kind={entry.issue?.kind ?? 'failed'}
            title={entry.error}
            className="border-b border-slate-100 bg-red-50/60 px-4 py-2 text-xs break-words text-red-700"
          >
            <WithRaw
              sentence={t(`errors.remote.${entry.issue?.kind ?? 'failed'}`, { message: RAW_MARK })}
              raw={entry.issue?.detail ?? entry.error}
            />
          </p>
        )}
        {entry && (status === 'unconfirmed' || status === 'mismatch') && (
          <KeyPanel entry={entry} isAdmin={isAdmin} onChanged={() => void mutate()} />
        )}
        {status === 'reachable' &&
          (service.length > 0 ? (
            <ContainerTable
              containers={shownContainers}
              now={now}
              hostId={host.id}
              health={healthRows}
            />
          ) : (
            <p className="px-4 py-3 text-xs text-slate-500">{t('fleet.noServiceContainers')}</p>
          ))}
      </Card>
    </div>
  );
}

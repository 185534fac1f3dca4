'use client';

import Link from 'next/link';
import type { FleetSnapshot } from '@/lib/fleet/snapshot';
import { formatBytes } from '@/lib/diagnosis/facts';
import type { ContainerHealthRow, ContainerFigures } from '@/lib/health/overview';
import { HealthBadge } from '../health/health-badge';
import { useDiagnosisText } from '../health/diagnosis-text';
import { Badge, type Tone } from '../ui/badge';
import { useI18n } from '../i18n-provider';
import { sortContainers } from './container-sort';
import { SortHeader, useFleetSort } from './sort-header';
import { formatUptime } from './uptime';

type Container = FleetSnapshot['hosts'][number]['containers'][number];

// Compose-managed containers are re-created from their compose file: worth seeing at a glance.
const COMPOSE_PROJECT = 'com.docker.compose.project';

const STATE_TONE: Record<string, Tone> = {
  running: 'green',
  exited: 'red',
  dead: 'red',
  restarting: 'amber',
  paused: 'slate',
  created: 'slate',
};

export function ContainerTable({
  containers,
  now,
  hostId,
  health,
}: {
  containers: Container[];
  now: number;
  hostId: string;
  health: Map<string, ContainerHealthRow>;
}) {
  const { t, tMaybe } = useI18n();
  const { message } = useDiagnosisText();
  const { sort } = useFleetSort();
  return (
    <table className="w-full table-fixed text-left text-xs">
      <thead className="text-slate-500">
        <tr className="border-b border-slate-100">
          <SortHeader sortKey="name" className="w-[19%] py-1.5 pl-4 font-medium">
            {t('fleet.container')}
          </SortHeader>
          <SortHeader sortKey="health" className="w-[21%] py-1.5 font-medium">
            {t('fleet.health')}
          </SortHeader>
          <SortHeader sortKey="ort" className="w-[12%] py-1.5 font-medium">
            {t('fleet.figures.ort')}
          </SortHeader>
          <SortHeader sortKey="shm" className="w-[7%] py-1.5 font-medium">
            {t('fleet.figures.shm')}
          </SortHeader>
          <SortHeader sortKey="batch" className="w-[6%] py-1.5 font-medium">
            {t('fleet.figures.batch')}
          </SortHeader>
          <SortHeader sortKey="gpu" className="w-[5%] py-1.5 font-medium">
            {t('fleet.figures.gpu')}
          </SortHeader>
          <SortHeader
            sortKey="queueFull"
            className="w-[7%] py-1.5 font-medium"
            title={t('fleet.figures.queueFullHint')}
          >
            {t('fleet.figures.queueFull')}
          </SortHeader>
          <SortHeader sortKey="state" className="w-[8%] py-1.5 font-medium">
            {t('fleet.state')}
          </SortHeader>
          <SortHeader sortKey="uptime" className="w-[7%] py-1.5 font-medium">
            {t('fleet.uptime')}
          </SortHeader>
          <th className="py-1.5 pr-4 font-medium">{t('fleet.image')}</th>
        </tr>
      </thead>
      <tbody>
        {sortContainers(containers, health, sort, now).map((c) => (
          <tr
            key={c.id}
            data-testid="container-row"
            data-container={c.name}
            className="border-b border-slate-50 last:border-0 hover:bg-slate-50"
          >
            <td className="truncate py-1.5 pl-4" title={c.id}>
              <Link
                href={`/containers/${encodeURIComponent(hostId)}/${encodeURIComponent(c.name)}`}
                className="font-mono text-sky-700 underline-offset-2 hover:underline"
                data-testid="fleet-container-link"
                title={c.name}
              >
                {c.name}
              </Link>
              {c.labels[COMPOSE_PROJECT] && (
                <span className="ml-2 text-[11px] text-slate-400">
                  {t('fleet.composeProject', { project: c.labels[COMPOSE_PROJECT] })}
                </span>
              )}
            </td>
            <td
              className="truncate py-1.5 pr-2"
              data-testid="fleet-health"
              data-health={health.get(c.name)?.health ?? ''}
            >
              {health.get(c.name) ? (
                <span className="flex min-w-0 items-center gap-1.5">
                  <HealthBadge health={health.get(c.name)!.health} />
                  {health.get(c.name)!.top && (
                    <span
                      className="truncate text-slate-600"
                      data-testid="fleet-top-finding"
                      data-finding={health.get(c.name)!.top!.id}
                      title={message(health.get(c.name)!.top!.title)}
                    >
                      {message(health.get(c.name)!.top!.title)}
                    </span>
                  )}
                </span>
              ) : (
                <span className="text-slate-400">{t('fleet.healthPending')}</span>
              )}
            </td>
            <Figures row={health.get(c.name)} />
            <td className="py-1.5" title={c.status}>
              <Badge tone={STATE_TONE[c.state] ?? 'slate'}>
                {tMaybe(`containerState.${c.state}`) ?? c.state}
              </Badge>
            </td>
            <td className="py-1.5 tabular-nums text-slate-600">
              {c.state === 'running'
                ? (formatUptime(c.startedAt, now, t) ?? t('common.none'))
                : t('common.none')}
            </td>
            <td className="truncate py-1.5 pr-4 font-mono text-slate-500" title={c.image}>
              {c.image}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** ORT version and the provider a session gets, shm, batch_size, GPU % and queue-full events of the last round. */
function Figures({ row }: { row: ContainerHealthRow | undefined }) {
  const { t } = useI18n();
  const none = t('common.none');
  const f: ContainerFigures | undefined = row?.figures;
  const provider = f?.sessionProvider?.replace(/ExecutionProvider$/, '') ?? null;
  // The host's last round failed: these are the values of an earlier round, shown as such, never as now.
  const stale = row?.stale === true;
  const cells: [string, string, string | undefined][] = [
    [
      'ort',
      f?.ortVersion ? `${f.ortVersion}${provider ? ` · ${provider}` : ''}` : none,
      f?.sessionProvider ?? undefined,
    ],
    ['shm', f?.shmBytes != null ? formatBytes(f.shmBytes) : none, undefined],
    ['batch', f?.batchSize != null ? String(f.batchSize) : none, undefined],
    ['gpu', row?.gpuUtilPct != null ? `${row.gpuUtilPct} %` : none, undefined],
    ['queue-full', f ? String(f.queueFullLastHour) : none, t('fleet.figures.queueFullHint')],
  ];
  return (
    <>
      {cells.map(([key, text, title]) => (
        <td
          key={key}
          className={`truncate py-1.5 pr-2 tabular-nums ${
            stale
              ? 'italic text-slate-400'
              : key === 'queue-full' && f && f.queueFullLastHour > 0
                ? 'font-semibold text-red-700'
                : 'text-slate-700'
          }`}
          data-testid={`fleet-figure-${key}`}
          data-stale={stale || undefined}
          title={stale ? `${t('fleet.figures.stale')}: ${title ?? text}` : (title ?? text)}
        >
          {text}
        </td>
      ))}
    </>
  );
}

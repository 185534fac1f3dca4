'use client';

import Link from 'next/link';
import type { FleetSnapshot } from '@/lib/fleet/snapshot';
import type { ContainerHealthRow } from '@/lib/health/overview';
import { HealthBadge } from '../health/health-badge';
import { useDiagnosisText } from '../health/diagnosis-text';
import { Badge, type Tone } from '../ui/badge';
import { useI18n } from '../i18n-provider';
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
  return (
    <table className="w-full table-fixed text-left text-xs">
      <thead className="text-slate-500">
        <tr className="border-b border-slate-100">
          <th className="w-[30%] py-1.5 pl-4 font-medium">{t('fleet.container')}</th>
          <th className="w-[28%] py-1.5 font-medium">{t('fleet.health')}</th>
          <th className="w-[10%] py-1.5 font-medium">{t('fleet.state')}</th>
          <th className="w-[10%] py-1.5 font-medium">{t('fleet.uptime')}</th>
          <th className="py-1.5 pr-4 font-medium">{t('fleet.image')}</th>
        </tr>
      </thead>
      <tbody>
        {containers.map((c) => (
          <tr
            key={c.id}
            data-testid="container-row"
            data-container={c.name}
            className="border-b border-slate-50 last:border-0 hover:bg-slate-50"
          >
            <td className="truncate py-1.5 pl-4" title={c.id}>
              <Link
                href={`/containers/${encodeURIComponent(hostId)}/${encodeURIComponent(c.name)}`}
                className="font-mono text-slate-800 hover:underline"
                data-testid="fleet-container-link"
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
                <span className="inline-flex items-center gap-1.5">
                  <HealthBadge health={health.get(c.name)!.health} />
                  {health.get(c.name)!.top && (
                    <span
                      className="truncate text-slate-600"
                      data-testid="fleet-top-finding"
                      data-finding={health.get(c.name)!.top!.id}
                    >
                      {message(health.get(c.name)!.top!.title)}
                    </span>
                  )}
                </span>
              ) : (
                <span className="text-slate-400">{t('fleet.healthPending')}</span>
              )}
            </td>
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

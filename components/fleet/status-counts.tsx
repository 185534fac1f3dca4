'use client';

import type { HostStatus } from '@/lib/fleet/snapshot';
import { HostStatusBadge } from './host-status-badge';

const ORDER: HostStatus[] = ['mismatch', 'unconfirmed', 'unreachable', 'reachable'];

/** How many hosts are in each state, problems first, so a glance tells whether anything needs attention. */
export function StatusCounts({ statuses }: { statuses: (HostStatus | undefined)[] }) {
  const counts = ORDER.map((status) => ({
    status,
    n: statuses.filter((s) => s === status).length,
  })).filter((c) => c.n > 0);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="status-counts">
      {counts.map(({ status, n }) => (
        <span key={status} className="inline-flex items-center gap-1 text-xs text-slate-600">
          <HostStatusBadge status={status} />
          <span className="font-semibold tabular-nums">{n}</span>
        </span>
      ))}
    </div>
  );
}

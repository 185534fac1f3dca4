'use client';

import { useMemo } from 'react';
import type { FindingId } from '@/lib/diagnosis/diagnose';
import type { HealthOverview } from '@/lib/health/overview';
import { FindingCounts } from './finding-counts';
import type { HealthFilter } from './health-filter';
import { HealthFilters } from './health-filters';

/** Counts per finding (a click filters) and the group / finding / health filters: the same on the fleet and health pages. */
export function HealthFilterBar({
  data,
  filter,
  onChange,
  extraGroups = [],
}: {
  data: HealthOverview;
  filter: HealthFilter;
  onChange: (f: HealthFilter) => void;
  /** Groups of hosts the health data may not list yet (e.g. the fleet page's hosts before their first round). */
  extraGroups?: string[];
}) {
  const groups = useMemo(
    () => [...new Set([...data.hosts.flatMap((h) => h.groups), ...extraGroups])].sort(),
    [data, extraGroups],
  );
  const findings = useMemo(() => Object.keys(data.findingCounts).sort() as FindingId[], [data]);
  return (
    <>
      <FindingCounts
        counts={data.findingCounts}
        severity={data.findingSeverity}
        active={filter.finding}
        onPick={(finding) => onChange({ ...filter, finding })}
      />
      <HealthFilters
        value={filter}
        onChange={onChange}
        groups={groups}
        findings={findings}
        healthCounts={data.healthCounts}
      />
    </>
  );
}

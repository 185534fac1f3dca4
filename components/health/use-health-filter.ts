'use client';

import { useState } from 'react';
import { NO_FILTER, type HealthFilter } from './health-filter';

/** Filter state mirrored into the address (replaceState: no navigation, no reload), so a view can be shared. */
export function useHealthFilter(
  initial?: Partial<HealthFilter>,
): [HealthFilter, (f: HealthFilter) => void] {
  const [filter, setFilter] = useState<HealthFilter>({ ...NO_FILTER, ...initial });
  const change = (f: HealthFilter) => {
    setFilter(f);
    const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]);
    window.history.replaceState(null, '', q.size ? `?${q}` : window.location.pathname);
  };
  return [filter, change];
}

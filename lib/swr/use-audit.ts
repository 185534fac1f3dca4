import useSWR from 'swr';
import type { AuditEntryView } from '@/lib/hosts/audit-names';
import { fetchJson } from './fetch-json';

export interface AuditFilter {
  /** An action, or a family with a trailing dot (`job.`). */
  action?: string;
  actor?: string;
  /** A host or container name, a user name: any part of the target. */
  target?: string;
  before?: number;
}

export function useAudit(filter: AuditFilter) {
  const query = new URLSearchParams({ limit: '100' });
  for (const key of ['action', 'actor', 'target'] as const) {
    const value = filter[key]?.trim();
    if (value) query.set(key, value);
  }
  if (filter.before !== undefined) query.set('before', String(filter.before));
  return useSWR<{ entries: AuditEntryView[] }>(`/api/audit?${query}`, fetchJson, {
    refreshInterval: 10_000,
  });
}

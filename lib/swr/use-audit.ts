import useSWR from 'swr';
import type { AuditEntry } from '@/lib/audit/log';
import { fetchJson } from './fetch-json';

export function useAudit(params: { action?: string; before?: number }) {
  const query = new URLSearchParams({ limit: '100' });
  if (params.action) query.set('action', params.action);
  if (params.before !== undefined) query.set('before', String(params.before));
  return useSWR<{ entries: AuditEntry[] }>(`/api/audit?${query}`, fetchJson, {
    refreshInterval: 10_000,
  });
}

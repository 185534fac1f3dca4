import useSWR from 'swr';
import type { JobView } from '@/lib/jobs/types';
import { fetchJson } from './fetch-json';

export interface JobListFilter {
  host?: string;
  container?: string;
  user?: string;
  status?: string;
}

export function useJobs(filter: JobListFilter, refreshMs = 5_000) {
  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  return useSWR<{ jobs: JobView[] }>(`/api/jobs?${q}`, fetchJson, {
    refreshInterval: refreshMs,
    keepPreviousData: true,
  });
}

export function useJob(id: string | null, running: boolean) {
  return useSWR<{ job: JobView }>(id ? `/api/jobs/${encodeURIComponent(id)}` : null, fetchJson, {
    refreshInterval: running ? 2_000 : 0,
  });
}

import useSWR from 'swr';
import type { HealthOverview } from '@/lib/health/overview';
import { fetchJson } from './fetch-json';

/** The fleet's health; polled a little faster than the probe interval so a new round shows promptly. */
export function useHealth() {
  return useSWR<HealthOverview>('/api/health', fetchJson, {
    refreshInterval: 5_000,
    keepPreviousData: true,
  });
}

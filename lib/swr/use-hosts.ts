import useSWR from 'swr';
import type { HostView } from '@/lib/hosts/service';
import { fetchJson } from './fetch-json';

export function useHosts() {
  return useSWR<{ hosts: HostView[] }>('/api/hosts', fetchJson, { refreshInterval: 15_000 });
}

import useSWR from 'swr';
import type { FleetSnapshot, HostSnapshot } from '@/lib/fleet/snapshot';
import { fetchJson } from './fetch-json';

/**
 * One host's live state. Each host card polls its own host, so a host that takes its full timeout to
 * fail never delays the cards of the others.
 */
export function useHostSnapshot(hostId: string) {
  const swr = useSWR<FleetSnapshot>(`/api/fleet?host=${encodeURIComponent(hostId)}`, fetchJson, {
    refreshInterval: 5_000,
    keepPreviousData: true,
  });
  const entry: HostSnapshot | undefined = swr.data?.hosts[0];
  return { ...swr, entry, generatedAt: swr.data?.generatedAt };
}

import useSWR from 'swr';
import type { LogTail } from '@/lib/health/logs';
import type { ContainerHealthDetail, ContainerSeries, SeriesRange } from '@/lib/health/service';
import { fetchJson } from './fetch-json';

const base = (hostId: string, name: string) =>
  `/api/containers/${encodeURIComponent(hostId)}/${encodeURIComponent(name)}`;

export function useContainer(hostId: string, name: string) {
  return useSWR<ContainerHealthDetail>(base(hostId, name), fetchJson, {
    refreshInterval: 5_000,
    keepPreviousData: true,
  });
}

export function useContainerSeries(hostId: string, name: string, range: SeriesRange) {
  return useSWR<ContainerSeries>(`${base(hostId, name)}/samples?range=${range}`, fetchJson, {
    refreshInterval: 15_000,
    keepPreviousData: true,
  });
}

/** The tail of one log, re-read every 15 s (the live log's fallback); `enabled` false reads nothing. */
export function useContainerLogs(
  hostId: string,
  name: string,
  source: string,
  lines: number,
  enabled = true,
) {
  const q = new URLSearchParams({ source, lines: String(lines) });
  return useSWR<LogTail>(enabled ? `${base(hostId, name)}/logs?${q}` : null, fetchJson, {
    refreshInterval: 15_000,
    keepPreviousData: true,
  });
}

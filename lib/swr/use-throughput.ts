import useSWR from 'swr';
import type { Comparison, RunView, TestInput } from '@/lib/throughput';
import { fetchJson } from './fetch-json';

export function useThroughputInputs() {
  return useSWR<{ inputs: TestInput[] }>('/api/throughput/inputs', fetchJson, {
    keepPreviousData: true,
  });
}

/** Every run, or one container's runs (newest first). */
export function useThroughputRuns(filter?: { hostId: string; container: string }) {
  const key = filter
    ? `/api/throughput/runs?${new URLSearchParams(filter)}`
    : '/api/throughput/runs';
  return useSWR<{ runs: RunView[] }>(key, fetchJson, {
    refreshInterval: 5_000,
    keepPreviousData: true,
  });
}

export interface RunResponse {
  run: RunView;
  before: { id: string; startedAt: string } | null;
  comparison: Comparison | null;
}

/** Polls every second while the run is running (live progress), then stops. */
export function useThroughputRun(id: string) {
  return useSWR<RunResponse>(`/api/throughput/runs/${encodeURIComponent(id)}`, fetchJson, {
    refreshInterval: (d) => (d && d.run.status !== 'running' ? 0 : 1_000),
    keepPreviousData: true,
  });
}

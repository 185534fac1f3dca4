import useSWR from 'swr';
import type { RemedyDefaults } from '@/lib/remedies/settings';
import { fetchJson } from './fetch-json';

/** The same key the remedy panel reads, so a save here refreshes it too. */
export const REMEDY_DEFAULTS_URL = '/api/remedies/defaults';

export function useRemedyDefaults() {
  return useSWR<{ defaults: RemedyDefaults }>(REMEDY_DEFAULTS_URL, fetchJson);
}

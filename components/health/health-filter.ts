// The health filter shared by the fleet page and the health page: parsed from the address on the server (so a
// filtered view can be bookmarked), applied in the browser to the polled rows. No React here: server pages import it.
import type { FindingId } from '@/lib/diagnosis/diagnose';
import type { ContainerHealthRow, HealthState } from '@/lib/health/overview';

export interface HealthFilter {
  group: string;
  finding: FindingId | '';
  health: HealthState | '';
}

export const NO_FILTER: HealthFilter = { group: '', finding: '', health: '' };
const STATES: string[] = ['blocking', 'degraded', 'healthy'];

type Query = Record<string, string | string[] | undefined>;

/** Unknown values simply match nothing; they never reach the server beyond the page that parsed them. */
export function parseHealthFilter(q: Query): HealthFilter {
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 100) : '');
  const finding = /^[a-z_]{1,40}$/.test(one(q.finding)) ? (one(q.finding) as FindingId) : '';
  const health = STATES.includes(one(q.health)) ? (one(q.health) as HealthState) : '';
  return { group: one(q.group), finding, health };
}

export function isFiltered(f: HealthFilter): boolean {
  return Boolean(f.group || f.finding || f.health);
}

/** The container-level part of the filter (finding, health); the group is a property of the host. */
export function matchesContainer(
  row: Pick<ContainerHealthRow, 'findings' | 'health'>,
  f: HealthFilter,
): boolean {
  return (!f.finding || row.findings.includes(f.finding)) && (!f.health || row.health === f.health);
}

export function matchesGroup(groups: string[], f: HealthFilter): boolean {
  return !f.group || groups.includes(f.group);
}

export function matchesHealthFilter(row: ContainerHealthRow, f: HealthFilter): boolean {
  return matchesGroup(row.groups, f) && matchesContainer(row, f);
}

import { FleetHealthView } from '@/components/health/fleet-health-view';
import type { FindingId } from '@/lib/diagnosis/diagnose';
import type { HealthState } from '@/lib/health/overview';

const HEALTH = ['blocking', 'degraded', 'healthy'];

// The layout has already required a signed-in user; the data comes from /api/health (viewer role, checked there).
export default async function HealthPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 100) : '');
  const health = one(q.health);
  // Unknown values simply match nothing; they never reach the server beyond this page.
  const finding = /^[a-z_]{1,40}$/.test(one(q.finding)) ? (one(q.finding) as FindingId) : '';
  return (
    <FleetHealthView
      initial={{ group: one(q.group), finding, health: HEALTH.includes(health) ? (health as HealthState) : '' }}
    />
  );
}

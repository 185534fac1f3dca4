import { FleetHealthView } from '@/components/health/fleet-health-view';
import { parseHealthFilter } from '@/components/health/health-filter';

// The layout has already required a signed-in user; the data comes from /api/health (viewer role, checked there).
export default async function HealthPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <FleetHealthView initial={parseHealthFilter(await searchParams)} />;
}

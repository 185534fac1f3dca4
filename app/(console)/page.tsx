import { FleetView } from '@/components/fleet/fleet-view';
import { parseHealthFilter } from '@/components/health/health-filter';
import { currentUser } from '@/lib/web/session';

// The health filter comes from the address (`/?finding=queue_blocking`), so a filtered fleet can be bookmarked.
export default async function FleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  return <FleetView isAdmin={user?.role === 'admin'} initial={parseHealthFilter(await searchParams)} />;
}

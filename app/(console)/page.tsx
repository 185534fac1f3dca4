import { FleetView } from '@/components/fleet/fleet-view';
import { parseHealthFilter } from '@/components/health/health-filter';
import { roleAtLeast } from '@/lib/auth/guard';
import { currentUser } from '@/lib/web/session';

// The health filter comes from the address (`/?finding=queue_blocking`), so a filtered fleet can be bookmarked.
export default async function FleetPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await currentUser();
  // canRun only decides what is shown; the batch route checks the role again.
  return (
    <FleetView
      isAdmin={user?.role === 'admin'}
      canRun={!!user && roleAtLeast(user.role, 'operator')}
      initial={parseHealthFilter(await searchParams)}
    />
  );
}

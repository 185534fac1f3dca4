import { FleetView } from '@/components/fleet/fleet-view';
import { currentUser } from '@/lib/web/session';

export default async function FleetPage() {
  const user = await currentUser();
  return <FleetView isAdmin={user?.role === 'admin'} />;
}

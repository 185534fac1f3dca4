import { ThroughputView } from '@/components/throughput/throughput-view';
import { currentUser } from '@/lib/web/session';

// The layout has already required a signed-in user; the role only decides what is offered (the routes check it again).
export default async function ThroughputPage() {
  const user = await currentUser();
  return <ThroughputView canRun={user?.role === 'operator' || user?.role === 'admin'} />;
}

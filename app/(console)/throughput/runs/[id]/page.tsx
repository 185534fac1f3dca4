import { RunView } from '@/components/throughput/run-view';
import { currentUser } from '@/lib/web/session';

export default async function ThroughputRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  return (
    <RunView id={id.slice(0, 64)} canRun={user?.role === 'operator' || user?.role === 'admin'} />
  );
}

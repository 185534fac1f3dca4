import { ActivityView } from '@/components/jobs/activity-view';
import { roleAtLeast } from '@/lib/auth/guard';
import { currentUser } from '@/lib/web/session';

// canRun only decides what is shown; the batch route checks the role again.
export default async function ActivityPage() {
  const user = await currentUser();
  return <ActivityView canRun={!!user && roleAtLeast(user.role, 'operator')} />;
}

import { ActivityView } from '@/components/jobs/activity-view';

export default function ActivityPage() {
  return <ActivityView />;
}

import { ContainerView } from '@/components/health/container-view';
import { RemedyPanel } from '@/components/jobs/remedy-panel';
import { ContainerRuns } from '@/components/throughput/container-runs';
import { roleAtLeast } from '@/lib/auth/guard';
import { currentUser } from '@/lib/web/session';

// The layout has already required a signed-in user; the data comes from /api/containers/... (viewer role there).
// canRun only decides what is shown: the jobs routes check the role again.
export default async function ContainerPage({
  params,
}: {
  params: Promise<{ hostId: string; name: string }>;
}) {
  const { hostId, name } = await params;
  const user = await currentUser();
  const h = decodeURIComponent(hostId);
  const n = decodeURIComponent(name);
  return (
    <div className="space-y-4">
      <ContainerView
        hostId={h}
        name={n}
        remediation={
          <RemedyPanel hostId={h} name={n} canRun={!!user && roleAtLeast(user.role, 'operator')} />
        }
      />
      <ContainerRuns hostId={h} name={n} />
    </div>
  );
}

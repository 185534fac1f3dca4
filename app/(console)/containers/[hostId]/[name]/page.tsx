import { ContainerView } from '@/components/health/container-view';

// The layout has already required a signed-in user; the data comes from /api/containers/... (viewer role there).
export default async function ContainerPage({ params }: { params: Promise<{ hostId: string; name: string }> }) {
  const { hostId, name } = await params;
  return <ContainerView hostId={decodeURIComponent(hostId)} name={decodeURIComponent(name)} />;
}

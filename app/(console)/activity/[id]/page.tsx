import { JobDetail } from '@/components/jobs/job-detail';

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  return <JobDetail jobId={decodeURIComponent((await params).id)} />;
}

import { jobStartSchema } from '@/lib/jobs/request';
import { listJobs, startJob } from '@/lib/jobs/service';
import type { JobStatus } from '@/lib/jobs/types';
import { mutationRoute } from '@/lib/web/mutation';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// The activity list (filter by host, container, user, result) and starting a job after its preview was confirmed.
export const GET = withRole({ name: 'job.list', role: 'viewer' }, async (req, id) => {
  const q = new URL(req.url).searchParams;
  const jobs = await listJobs(id.actor, {
    hostId: q.get('host') ?? undefined,
    container: q.get('container') ?? undefined,
    actor: q.get('user') ?? undefined,
    status: (q.get('status') as JobStatus | null) ?? undefined,
    before: q.get('before') ?? undefined,
    limit: Number(q.get('limit') ?? 50) || 50,
  });
  return { jobs };
});

export const POST = mutationRoute({
  name: 'job.start',
  role: 'operator',
  input: jobStartSchema,
  audit: 'self',
  status: 201,
  handler: async ({ confirm, ...request }, id) => ({
    job: (await startJob(id.actor, request, confirm)).job,
  }),
});

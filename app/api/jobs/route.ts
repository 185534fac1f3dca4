import { listJobs, startJob } from '@/lib/jobs/service';
import { jobRequestFrom } from '@/lib/jobs/request';
import type { JobStatus } from '@/lib/jobs/types';
import { jsonBody, optionalString } from '@/lib/web/json-body';
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

export const POST = withRole(
  { name: 'job.start', role: 'operator', mutates: true },
  async (req, id) => {
    const body = await jsonBody(req);
    const { job } = await startJob(id.actor, jobRequestFrom(body), optionalString(body, 'confirm'));
    return Response.json({ job }, { status: 201, headers: { 'cache-control': 'no-store' } });
  },
);

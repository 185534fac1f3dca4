import { getJob } from '@/lib/jobs/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const GET = withRole<Ctx>({ name: 'job.read', role: 'viewer' }, async (_req, id, ctx) => ({
  job: await getJob(id.actor, (await ctx.params).id),
}));

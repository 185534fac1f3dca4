import { cancelJob } from '@/lib/jobs/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const POST = withRole<Ctx>(
  { name: 'job.cancel', role: 'operator', mutates: true },
  async (_req, id, ctx) => ({
    job: await cancelJob(id.actor, (await ctx.params).id),
  }),
);

import { NotFoundError } from '@/lib/errors';
import { getBatch } from '@/lib/jobs/batch';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const GET = withRole<Ctx>(
  { name: 'job.batch.read', role: 'viewer' },
  async (_req, id, ctx) => {
    const batch = await getBatch(id.actor, (await ctx.params).id);
    if (!batch) throw new NotFoundError('batch');
    return { batch };
  },
);

import { discardKeptOriginal } from '@/lib/jobs/kept-original';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

// Removes the original container a shm re-creation kept stopped for undo (operators; audited; undo then impossible).
export const POST = withRole<Ctx>(
  { name: 'job.discard_original', role: 'operator', mutates: true },
  async (_req, id, ctx) => ({
    job: await discardKeptOriginal(id.actor, (await ctx.params).id),
  }),
);

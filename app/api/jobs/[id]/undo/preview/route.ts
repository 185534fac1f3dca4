import { previewUndo } from '@/lib/jobs/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const POST = withRole<Ctx>(
  { name: 'job.undo.preview', role: 'operator', mutates: true },
  async (_req, id, ctx) => ({
    plan: await previewUndo(id.actor, (await ctx.params).id),
  }),
);

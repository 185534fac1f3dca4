import { deleteTestInput } from '@/lib/throughput/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const DELETE = withRole<Ctx>(
  { name: 'throughput.input.delete', role: 'operator', mutates: true },
  async (_req, who, ctx) => {
    await deleteTestInput(who.actor, (await ctx.params).id);
    return { ok: true };
  },
);

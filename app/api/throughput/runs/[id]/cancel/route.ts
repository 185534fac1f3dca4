import { cancelTestRun } from '@/lib/throughput/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const POST = withRole<Ctx>(
  { name: 'throughput.run.cancel', role: 'operator', mutates: true },
  async (_req, who, ctx) => {
    await cancelTestRun(who.actor, (await ctx.params).id);
    return { ok: true };
  },
);

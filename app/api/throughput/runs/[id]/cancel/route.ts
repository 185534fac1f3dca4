import { audited } from '@/lib/audit/audited';
import { ConflictError } from '@/lib/auth/errors';
import { cancelRun, getRun } from '@/lib/throughput';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const POST = withRole<Ctx>({ name: 'throughput.run.cancel', role: 'operator', mutates: true }, async (_req, who, ctx) => {
  const { id } = await ctx.params;
  await getRun(id);
  return audited(who.actor, 'operator', 'throughput.run.cancel', id, null, async () => {
    if (!cancelRun(id)) throw new ConflictError(`run ${id} is not running in this console`);
    return { ok: true };
  });
});

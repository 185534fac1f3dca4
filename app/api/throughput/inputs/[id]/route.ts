import { audited } from '@/lib/audit/audited';
import { deleteInput } from '@/lib/throughput';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const DELETE = withRole<Ctx>({ name: 'throughput.input.delete', role: 'operator', mutates: true }, async (_req, who, ctx) => {
  const { id } = await ctx.params;
  await audited(who.actor, 'operator', 'throughput.input.delete', id, null, () => deleteInput(id));
  return { ok: true };
});

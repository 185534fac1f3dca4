import { deleteTestInput } from '@/lib/throughput/service';
import { mutationRoute, NO_INPUT } from '@/lib/web/mutation';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };
export const DELETE = mutationRoute<typeof NO_INPUT, Ctx>({
  name: 'throughput.input.delete',
  role: 'operator',
  input: NO_INPUT,
  audit: 'self',
  handler: async (_input, who, { route }) => {
    await deleteTestInput(who.actor, (await route.params).id);
    return { ok: true };
  },
});

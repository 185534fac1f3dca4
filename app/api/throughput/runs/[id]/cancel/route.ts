import { cancelTestRun } from '@/lib/throughput/service';
import { mutationRoute, NO_INPUT } from '@/lib/web/mutation';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };
export const POST = mutationRoute<typeof NO_INPUT, Ctx>({
  name: 'throughput.run.cancel',
  role: 'operator',
  input: NO_INPUT,
  audit: 'self',
  handler: async (_input, who, { route }) => {
    await cancelTestRun(who.actor, (await route.params).id);
    return { ok: true };
  },
});

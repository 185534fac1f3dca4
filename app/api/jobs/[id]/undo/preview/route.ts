import { previewUndo } from '@/lib/jobs/service';
import { mutationRoute, NO_INPUT } from '@/lib/web/mutation';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };
export const POST = mutationRoute<typeof NO_INPUT, Ctx>({
  name: 'job.undo.preview',
  role: 'operator',
  input: NO_INPUT,
  audit: 'self',
  handler: async (_input, who, { route }) => ({
    plan: await previewUndo(who.actor, (await route.params).id),
  }),
});

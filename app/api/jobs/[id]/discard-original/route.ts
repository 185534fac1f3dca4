import { discardKeptOriginal } from '@/lib/jobs/kept-original';
import { mutationRoute, NO_INPUT } from '@/lib/web/mutation';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };
// Removes the original container a shm re-creation kept stopped for undo (operators; audited; undo then impossible).
export const POST = mutationRoute<typeof NO_INPUT, Ctx>({
  name: 'job.discard_original',
  role: 'operator',
  input: NO_INPUT,
  audit: 'self',
  handler: async (_input, who, { route }) => ({
    job: await discardKeptOriginal(who.actor, (await route.params).id),
  }),
});

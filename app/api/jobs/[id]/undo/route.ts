import { undoSchema } from '@/lib/jobs/request';
import { startUndo } from '@/lib/jobs/service';
import { mutationRoute } from '@/lib/web/mutation';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export const POST = mutationRoute<typeof undoSchema, Ctx>({
  name: 'job.undo',
  role: 'operator',
  input: undoSchema,
  audit: 'self',
  status: 201,
  handler: async ({ confirm }, who, { route }) => ({
    job: (await startUndo(who.actor, (await route.params).id, confirm)).job,
  }),
});

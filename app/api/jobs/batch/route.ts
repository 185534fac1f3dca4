import { z } from 'zod';
import { startBatch } from '@/lib/jobs/batch';
import { mutationRoute } from '@/lib/web/mutation';

export const dynamic = 'force-dynamic';

// The shape of a batch; its bounds (how many targets, how parallel) are the batch service's own rules.
const batchSchema = z.object({
  name: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
  targets: z.array(z.object({ hostId: z.string().min(1), container: z.string().min(1) })),
  parallel: z.number().optional(),
});

// Fleet batch: { name, params, targets: [{hostId, container}], parallel } — canary first, then bounded waves.
export const POST = mutationRoute({
  name: 'job.batch',
  role: 'operator',
  input: batchSchema,
  audit: 'self',
  status: 201,
  handler: async (input, id) => ({ batch: (await startBatch(id.actor, input)).batch }),
});

import { jobRequestSchema } from '@/lib/jobs/request';
import { previewJob } from '@/lib/jobs/service';
import { mutationRoute } from '@/lib/web/mutation';

export const dynamic = 'force-dynamic';

// Reads the container and answers exactly what the job would do; changes nothing. Operators only (it runs reads).
export const POST = mutationRoute({
  name: 'job.preview',
  role: 'operator',
  input: jobRequestSchema,
  audit: 'self',
  handler: async (request, id) => ({ plan: await previewJob(id.actor, request) }),
});

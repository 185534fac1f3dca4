import { previewJob } from '@/lib/jobs/service';
import { jobRequestFrom } from '@/lib/jobs/request';
import { jsonBody } from '@/lib/web/json-body';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// Reads the container and answers exactly what the job would do; changes nothing. Operators only (it runs reads).
export const POST = withRole(
  { name: 'job.preview', role: 'operator', mutates: true },
  async (req, id) => ({
    plan: await previewJob(id.actor, jobRequestFrom(await jsonBody(req))),
  }),
);

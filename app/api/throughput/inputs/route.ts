import { listTestInputs } from '@/lib/throughput/service';
import { handleUpload, uploadQuerySchema } from '@/lib/throughput/upload-request';
import { mutationRoute } from '@/lib/web/mutation';
import { withRole } from '@/lib/web/route';
import { uploadError } from '../errors';

export const dynamic = 'force-dynamic';

export const GET = withRole(
  { name: 'throughput.inputs.read', role: 'viewer' },
  async (_req, who) => ({ inputs: await listTestInputs(who.actor) }),
);

// Upload of one test input: the raw file as application/octet-stream (so the body streams to disk as it arrives),
// ?kind=audio|video&name=... The chain takes its input from the query string and leaves the body to the upload.
export const POST = mutationRoute({
  name: 'throughput.upload',
  role: 'operator',
  input: uploadQuerySchema,
  body: 'query',
  audit: 'self',
  status: 201,
  onError: uploadError,
  handler: async (query, who, { req }) => ({ input: await handleUpload(req, query, who.actor) }),
});

import { MediaError, TooLargeError } from '@/lib/throughput';
import { jsonError } from '@/lib/web/route';

// Upload refusals carry their own status: 413 for the size limit, 415 for content that is not accepted media.
export function uploadError(err: unknown): Response {
  if (err instanceof TooLargeError)
    return Response.json({ error: { code: 'too_large', message: err.message } }, { status: 413 });
  if (err instanceof MediaError)
    return Response.json(
      { error: { code: `media_${err.reason}`, message: err.message } },
      { status: 415 },
    );
  return jsonError(err);
}

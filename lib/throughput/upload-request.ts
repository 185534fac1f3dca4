// The upload route's checks that are not Next.js-specific, so they are unit-tested: content type, declared
// size (a Content-Length over the limit is refused before a byte is read), then the streamed save itself.
import { Readable } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { ValidationError } from '@/lib/errors';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/types';
import { TooLargeError, uploadLimit, type TestInput } from './inputs';
import { storeTestInput } from './service';

/** The upload's query string: which kind of input it is, and the name to keep (the kind by default). */
export const uploadQuerySchema = z.object({
  kind: z.enum(['audio', 'video']),
  name: z.string().min(1).optional(),
});
export type UploadQuery = z.output<typeof uploadQuerySchema>;

/** Streams the request body into the store through the throughput service (role checked, audited). */
export async function handleUpload(
  req: Request,
  query: UploadQuery,
  actor: Actor,
): Promise<TestInput> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/octet-stream\s*(;|$)/i.test(type))
    throw new ValidationError([
      { field: 'body', message: 'send the file as application/octet-stream' },
    ]);
  const limit = await uploadLimit();
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new TooLargeError(limit);
  if (!req.body) throw new ValidationError([{ field: 'body', message: 'the file is empty' }]);
  const body = Readable.fromWeb(req.body as unknown as WebStream<Uint8Array>);
  return storeTestInput(actor, body, query.kind, query.name ?? query.kind, limit);
}

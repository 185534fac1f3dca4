// The upload route's checks that are not Next.js-specific, so they are unit-tested: content type, kind, declared
// size (a Content-Length over the limit is refused before a byte is read), then the streamed save itself.
import { Readable } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { ValidationError } from '@/lib/errors';
import { saveUpload, TooLargeError, uploadLimit, type TestInput } from './inputs';
import type { InputKind } from './media-type';

export async function handleUpload(req: Request): Promise<TestInput> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/octet-stream\s*(;|$)/i.test(type))
    throw new ValidationError([
      { field: 'body', message: 'send the file as application/octet-stream' },
    ]);
  const url = new URL(req.url);
  const kind = url.searchParams.get('kind');
  if (kind !== 'audio' && kind !== 'video')
    throw new ValidationError([{ field: 'kind', message: 'kind must be audio or video' }]);
  const name = url.searchParams.get('name') ?? `${kind}`;
  const limit = await uploadLimit();
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new TooLargeError(limit);
  if (!req.body) throw new ValidationError([{ field: 'body', message: 'the file is empty' }]);
  return saveUpload(
    Readable.fromWeb(req.body as unknown as WebStream<Uint8Array>),
    kind as InputKind,
    name,
    limit,
  );
}

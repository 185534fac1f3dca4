// How /api/diagnose reads its body. Plain text (the page, `curl --data-binary @file`) streams straight into the
// scanner; a JSON body `{"text": "..."}` has to be parsed whole, so it is read within the same byte limit first.
// A declared Content-Length over the limit is refused before reading anything.
import { ValidationError } from '@/lib/errors';
import { PASTE_LIMIT_BYTES, TooLargeError } from '@/lib/diagnosis/scan-stream';

export function isJson(req: Request): boolean {
  return /^application\/json\s*(;|$)/i.test(req.headers.get('content-type') ?? '');
}

export function assertDeclaredSize(req: Request, limit = PASTE_LIMIT_BYTES): void {
  const declared = Number(req.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) throw new TooLargeError(limit);
}

async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel();
      throw new TooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, bytes);
}

/** The log text of a JSON body as a stream for the scanner; a body without a string `text` is refused (400). */
export async function jsonLogStream(
  body: ReadableStream<Uint8Array>,
  limit = PASTE_LIMIT_BYTES,
): Promise<ReadableStream<Uint8Array>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(await readBounded(body, limit)));
  } catch (e) {
    if (e instanceof TooLargeError) throw e;
    throw new ValidationError([{ field: '(body)', message: 'is not valid JSON' }]);
  }
  const text = (parsed as { text?: unknown } | null)?.text;
  if (typeof text !== 'string')
    throw new ValidationError([{ field: 'text', message: 'must be the log as a string' }]);
  return new Blob([text]).stream();
}

// Request bodies are counted while they arrive: a declared Content-Length over the limit is refused before a byte
// is read, and a body that grows past it is cut off at the limit (the reader is cancelled, nothing more is kept).
// Route handlers answer 413 for BodyTooLargeError (lib/web/errors.ts).

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Throws BodyTooLargeError when the request declares more than `limit` bytes. */
export function assertDeclaredLength(headers: Headers, limit: number): void {
  const declared = headers.get('content-length');
  if (declared === null || !/^\d+$/.test(declared.trim())) return;
  if (Number(declared) > limit) throw new BodyTooLargeError(limit);
}

/** The body's bytes, at most `limit` of them; more → BodyTooLargeError, with the rest never read. */
export async function readBodyBounded(req: Request, limit: number): Promise<Buffer> {
  assertDeclaredLength(req.headers, limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, bytes);
}

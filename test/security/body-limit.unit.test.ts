// JSON bodies of route handlers are counted while they arrive: past 64 KiB the read stops (413), before any
// parsing or validation; a declared Content-Length past it is refused before a byte is read. Before, the whole
// body was read first (`req.text()`): a 100 MB body raised the server's memory by 224–407 MB.
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError } from '@/lib/web/body-limit';
import { toActionError } from '@/lib/web/errors';
import { jsonBody, MAX_JSON_BYTES } from '@/lib/web/json-body';
import { HTTP_STATUS } from '@/lib/web/result';

const MB = 1 << 20;

/** A POST whose body is made 64 KiB at a time as it is read; `pulled` says how much the reader asked for. */
function streamedRequest(total: number, headers: Record<string, string> = {}) {
  const counter = { pulled: 0 };
  const chunk = Buffer.alloc(64 * 1024, ' ');
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        counter.pulled += chunk.length;
        controller.enqueue(
          counter.pulled === chunk.length
            ? Buffer.concat([Buffer.from('{"x":"'), chunk]).subarray(0, chunk.length)
            : chunk,
        );
      },
    },
    { highWaterMark: 0 },
  ); // nothing made before it is asked for
  const req = new Request('http://console.test/api/jobs/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { req, counter };
}

describe('jsonBody', () => {
  it('a 100 MB streamed body: refused as too large after reading about the limit, not the body', async () => {
    const { req, counter } = streamedRequest(100 * MB);
    const err = await jsonBody(req).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_JSON_BYTES + 3 * 64 * 1024);
    const answer = toActionError(err);
    expect(answer).toMatchObject({ code: 'too_large', params: { limit: MAX_JSON_BYTES } });
    expect(HTTP_STATUS[answer.code]).toBe(413);
  });

  it('a declared Content-Length over the limit is refused before a byte is read', async () => {
    const { req, counter } = streamedRequest(100 * MB, { 'content-length': String(100 * MB) });
    await expect(jsonBody(req)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(counter.pulled).toBe(0);
  });

  it('a body at the limit is read; bad JSON and non-objects are refused naming the rule', async () => {
    const fits = JSON.stringify({ pad: 'x'.repeat(MAX_JSON_BYTES - 20) });
    expect(
      Object.keys(await jsonBody(new Request('http://c/x', { method: 'POST', body: fits }))),
    ).toEqual(['pad']);
    await expect(
      jsonBody(new Request('http://c/x', { method: 'POST', body: '{"a":' })),
    ).rejects.toThrow(/\(body\): must be valid JSON/);
    await expect(
      jsonBody(new Request('http://c/x', { method: 'POST', body: '[1]' })),
    ).rejects.toThrow(/\(body\): must be a JSON object/);
  });
});

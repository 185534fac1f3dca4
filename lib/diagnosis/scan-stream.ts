import { diagnose, type Finding } from './diagnose';
import { SignatureScanner, type SignatureHit, type SignatureSummary } from './scanner';

// A pasted or uploaded log classified as it streams in (the "paste a log" box): bounded memory, a size limit, the
// same scanner and diagnosis as `dhc diagnose`, so the page and the CLI agree.

export const PASTE_LIMIT_BYTES = 20 * 1024 * 1024;

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the log is larger than ${limit / 1024 / 1024} MiB: use \`dhc diagnose FILE\` for bigger files`);
    this.name = 'TooLargeError';
  }
}

export interface PastedLogResult {
  bytes: number;
  lines: number;
  signatures: SignatureSummary;
  /** The first hits, for showing the matching lines. */
  hits: SignatureHit[];
  findings: Finding[];
}

export async function scanLogStream(body: ReadableStream<Uint8Array>, limit = PASTE_LIMIT_BYTES): Promise<PastedLogResult> {
  const scanner = new SignatureScanner();
  const decoder = new TextDecoder('utf-8');
  let rest = '';
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
    const parts = (rest + decoder.decode(value, { stream: true })).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) scanner.feed(line);
  }
  rest += decoder.decode();
  if (rest !== '') scanner.feed(rest);
  scanner.finish();
  const signatures = scanner.summary();
  return { bytes, lines: scanner.lines, signatures, hits: scanner.hits().slice(0, 100), findings: diagnose(signatures).findings };
}

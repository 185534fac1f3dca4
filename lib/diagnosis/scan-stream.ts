import { LineSplitter } from '@/lib/logs/line-splitter';
import { diagnose, type Finding } from './diagnose';
import { MAX_SCAN_LINE_CHARS } from './regex';
import { SignatureScanner, type SignatureHit, type SignatureSummary } from './scanner';

// A pasted or uploaded log classified as it streams in (the "paste a log" box): bounded memory, a size limit, the
// same scanner and diagnosis as `dhc diagnose`, so the page and the CLI agree. Lines are split on bytes as they
// arrive, each byte looked at once: a 20 MB line costs what 20 MB of short lines cost, and keeps its first 64 KiB.

export const PASTE_LIMIT_BYTES = 20 * 1024 * 1024;
/** A line longer than this is scanned on its first bytes only, and counted in `cutLines`. */
export const SCAN_LINE_LIMIT_BYTES = MAX_SCAN_LINE_CHARS;

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(
      `the log is larger than ${limit / 1024 / 1024} MiB: use \`dhc diagnose FILE\` for bigger files`,
    );
    this.name = 'TooLargeError';
  }
}

export interface PastedLogResult {
  bytes: number;
  lines: number;
  /** Lines longer than `lineLimitBytes`: each was scanned on its first `lineLimitBytes` bytes only. */
  cutLines: number;
  lineLimitBytes: number;
  signatures: SignatureSummary;
  /** The first hits, for showing the matching lines. */
  hits: SignatureHit[];
  findings: Finding[];
}

export async function scanLogStream(
  body: ReadableStream<Uint8Array>,
  limit = PASTE_LIMIT_BYTES,
): Promise<PastedLogResult> {
  const scanner = new SignatureScanner();
  const splitter = new LineSplitter(SCAN_LINE_LIMIT_BYTES);
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
    const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    for (const line of splitter.push(chunk)) scanner.feed(line);
  }
  const last = splitter.flush();
  if (last !== null) scanner.feed(last);
  scanner.finish();
  const signatures = scanner.summary();
  return {
    bytes,
    lines: scanner.lines,
    cutLines: splitter.cutLines,
    lineLimitBytes: SCAN_LINE_LIMIT_BYTES,
    signatures,
    hits: scanner.hits().slice(0, 100),
    findings: diagnose(signatures).findings,
  };
}

// Splits a byte stream into text lines. Works on bytes (not decoded text) so a UTF-8 character cut between two
// chunks is never mangled: a line is only decoded once its newline has arrived. Linear in the bytes fed and bounded
// in memory: each byte is looked at once (text carried over is never searched again), and a line keeps at most
// maxLineBytes (its first bytes; the rest is dropped as it arrives and the line is counted in `cutLines`).
const LF = 0x0a;
const CR = 0x0d;

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  // A line longer than the limit keeps its first bytes and drops the rest, so one runaway line cannot hold memory.
  private overflowed = false;
  private cut = 0;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {}

  /** Feeds bytes; returns the lines completed by them (without CR/LF). */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, start);
      if (nl === -1) break;
      this.append(chunk.subarray(start, nl));
      lines.push(this.takeLine());
      start = nl + 1;
    }
    if (start < chunk.length) this.append(chunk.subarray(start));
    return lines;
  }

  /** Bytes of a line whose newline has not arrived yet. */
  pendingBuffer(): Buffer {
    return Buffer.concat(this.pending);
  }

  /** Lines so far that were longer than maxLineBytes and were returned cut to their first bytes. */
  get cutLines(): number {
    return this.cut;
  }

  hasPending(): boolean {
    return this.pendingBytes > 0;
  }

  /** Returns the unfinished last line (end of input) or null when there is none. */
  flush(): string | null {
    if (this.pendingBytes === 0) return null;
    return this.takeLine();
  }

  /** Drops the unfinished line, e.g. when a read started in the middle of a file. */
  discardPending(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.overflowed = false;
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    const room = this.maxLineBytes - this.pendingBytes;
    if (room <= 0) {
      this.overflowed = true;
      return;
    }
    const kept = part.length > room ? part.subarray(0, room) : part;
    if (kept.length < part.length) this.overflowed = true;
    // Copy: the caller may reuse its read buffer for the next chunk.
    this.pending.push(Buffer.from(kept));
    this.pendingBytes += kept.length;
  }

  private takeLine(): string {
    let buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    if (this.overflowed) {
      this.cut++;
      buf = buf.subarray(0, wholeUtf8Length(buf));
    } else if (buf.length > 0 && buf[buf.length - 1] === CR) buf = buf.subarray(0, buf.length - 1);
    this.discardPending();
    return buf.toString('utf8');
  }
}

/** Length of `buf` without a UTF-8 character the cut split (its lead byte and the continuation bytes kept). */
function wholeUtf8Length(buf: Buffer): number {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (buf[i]! & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return continuation < need ? i : buf.length;
}

// Splits a byte stream into text lines. Works on bytes (not decoded text) so a UTF-8 character cut between two
// chunks is never mangled: a line is only decoded once its newline has arrived.
const LF = 0x0a;
const CR = 0x0d;

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  // A line longer than the limit keeps its first bytes and drops the rest, so one runaway line cannot hold memory.
  private overflowed = false;

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
    if (buf.length > 0 && buf[buf.length - 1] === CR && !this.overflowed) buf = buf.subarray(0, buf.length - 1);
    this.discardPending();
    return buf.toString('utf8');
  }
}

// Incremental reading of one log file, independent of where its bytes come from: the local reader
// (file-reader.ts) and the container probe (which reads remotely from an offset) both feed this.
// It remembers the offset and the file's identity (inode, size, a hash of its first bytes) and decides, each round,
// whether to continue, or whether the file was rotated (replaced, truncated, or rewritten in place).
import { createHash } from 'node:crypto';
import { parseLine } from './line-shape';
import { LineSplitter, DEFAULT_MAX_LINE_BYTES } from './line-splitter';

/** Bytes hashed to recognise a file rewritten in place (copytruncate followed by new writes past our offset). */
export const HEAD_BYTES = 256;
/** On first contact with a file, only its tail is read: history is not re-scanned from the start. */
export const DEFAULT_INITIAL_TAIL_BYTES = 1024 * 1024;

export interface FileIdentity {
  ino: string;
  size: number;
}

export interface LogCursor {
  ino: string | null;
  offset: number;
  headLen: number;
  headHash: string | null;
  /** base64 of an unfinished last line, kept for the next round. */
  pending: string;
}

export type ReadDecision = { kind: 'new' | 'continue' | 'rotated'; from: number };

export function emptyCursor(): LogCursor {
  return { ino: null, offset: 0, headLen: 0, headHash: null, pending: '' };
}

export function hashHead(head: Buffer): string {
  return createHash('sha1').update(head).digest('hex');
}

/**
 * Where to read from. `headHashNow` is the hash of the file's first `cursor.headLen` bytes as they are now.
 * Mirrored by decide() in lib/probes/container-probe.py: keep the two in step.
 */
export function decideRead(
  cursor: LogCursor,
  now: FileIdentity,
  headHashNow: string | null,
  initialTailBytes = DEFAULT_INITIAL_TAIL_BYTES,
): ReadDecision {
  // One byte before the tail, so a tail that starts exactly at a line start keeps that line (the reader skips
  // through the first newline it meets).
  if (cursor.ino === null)
    return { kind: 'new', from: Math.max(0, now.size - initialTailBytes - 1) };
  const same =
    cursor.ino === now.ino &&
    now.size >= cursor.offset &&
    (cursor.headHash === null || cursor.headHash === headHashNow);
  return same ? { kind: 'continue', from: cursor.offset } : { kind: 'rotated', from: 0 };
}

export class LogStream {
  private readonly splitter: LineSplitter;
  private cursor: LogCursor;
  // After a rotation the unfinished line of the old file may continue at the start of the new one.
  private joinCandidate: Buffer | null = null;
  private firstLineBuf: Buffer[] = [];
  private skipToNewline = false;

  constructor(
    private readonly onLine: (line: string) => void,
    cursor: LogCursor = emptyCursor(),
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.splitter = new LineSplitter(maxLineBytes);
    this.cursor = { ...cursor };
    if (cursor.pending) this.splitter.push(Buffer.from(cursor.pending, 'base64'));
  }

  /** Lines so far longer than the line limit, passed on cut to their first bytes. */
  get cutLines(): number {
    return this.splitter.cutLines;
  }

  state(): LogCursor {
    return { ...this.cursor, pending: this.splitter.pendingBuffer().toString('base64') };
  }

  /** Starts a round of reading at `decision.from` of a file whose identity is `now`. */
  begin(decision: ReadDecision, now: FileIdentity): void {
    if (decision.kind === 'rotated' && this.splitter.hasPending()) {
      this.joinCandidate = this.splitter.pendingBuffer();
      this.splitter.discardPending();
      this.firstLineBuf = [];
    }
    if (decision.kind === 'new' && decision.from > 0) this.skipToNewline = true;
    this.cursor = { ...this.cursor, ino: now.ino, offset: decision.from };
  }

  push(data: Buffer): void {
    this.cursor.offset += data.length;
    let rest = data;
    if (this.skipToNewline) {
      const nl = rest.indexOf(0x0a);
      if (nl === -1) return;
      this.skipToNewline = false;
      rest = rest.subarray(nl + 1);
    }
    if (this.joinCandidate) {
      const nl = rest.indexOf(0x0a);
      this.firstLineBuf.push(Buffer.from(nl === -1 ? rest : rest.subarray(0, nl)));
      if (nl === -1) {
        if (this.firstLineBuf.reduce((n, b) => n + b.length, 0) < this.maxLineBytes) return;
        this.resolveJoin();
        return;
      }
      this.resolveJoin();
      rest = rest.subarray(nl); // keeps the newline, which completes the line the splitter now holds
    }
    for (const line of this.splitter.push(rest)) this.onLine(line);
  }

  /** Ends the round; `head` is the file's first HEAD_BYTES bytes (fewer if it is shorter). */
  end(head: Buffer): void {
    this.endWithHead(head.length, head.length > 0 ? hashHead(head) : null);
  }

  /** Same as end(), for a remote reader that sent the head's length and hash rather than its bytes. */
  endWithHead(headLen: number, headHash: string | null): void {
    this.cursor.headLen = headLen;
    this.cursor.headHash = headHash;
  }

  /** End of input (offline scan): the unfinished last line is a line too. */
  close(): void {
    if (this.joinCandidate) this.resolveJoin();
    const last = this.splitter.flush();
    if (last !== null && last.length > 0) this.onLine(last);
  }

  // The new file's first line continues the old file's cut line only if it does not start a line of its own.
  private resolveJoin(): void {
    const cut = this.joinCandidate!;
    const first = Buffer.concat(this.firstLineBuf);
    this.joinCandidate = null;
    this.firstLineBuf = [];
    const startsOwnLine = parseLine(first.toString('utf8')).shape !== 'plain' || first.length === 0;
    if (startsOwnLine) {
      for (const line of this.splitter.push(Buffer.concat([cut, Buffer.from('\n')])))
        this.onLine(line);
      this.splitter.push(first);
    } else {
      this.splitter.push(Buffer.concat([cut, first]));
    }
  }
}

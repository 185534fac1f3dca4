// Reads what was appended to a local log file since the last round, in fixed-size chunks through one reused
// buffer: memory stays bounded whatever the file's size, and a large file is never re-read from the start.
import { open } from 'node:fs/promises';
import {
  HEAD_BYTES,
  LogStream,
  decideRead,
  emptyCursor,
  hashHead,
  type LogCursor,
  type ReadDecision,
} from './log-stream';

export interface ReadOptions {
  chunkBytes?: number;
  /** Stop after this many bytes in one round (the rest is read next round). */
  maxBytes?: number;
  /** Bytes of an unseen file's tail to read on first contact (Infinity: the whole file). */
  initialTailBytes?: number;
  /** Treat the end of the file as the end of input (offline scans): the last unfinished line is emitted. */
  final?: boolean;
}

export interface ReadResult {
  cursor: LogCursor;
  decision: ReadDecision;
  bytesRead: number;
  /** Lines longer than the line limit (64 KiB), passed on cut to their first bytes. */
  cutLines: number;
}

export async function readNewLines(
  path: string,
  cursor: LogCursor | null,
  onLine: (line: string) => void,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const start = cursor ?? emptyCursor();
  const file = await open(path, 'r');
  try {
    const stat = await file.stat({ bigint: true });
    const now = { ino: `${stat.dev}:${stat.ino}`, size: Number(stat.size) };
    const oldHead = start.headLen > 0 ? await readHead(file, start.headLen) : null;
    const decision = decideRead(
      start,
      now,
      oldHead && oldHead.length === start.headLen ? hashHead(oldHead) : null,
      options.initialTailBytes,
    );
    const stream = new LogStream(onLine, start);
    stream.begin(decision, now);
    const limit = Math.min(now.size, decision.from + (options.maxBytes ?? Infinity));
    const buf = Buffer.allocUnsafe(chunkBytes);
    let pos = decision.from;
    while (pos < limit) {
      const { bytesRead } = await file.read(buf, 0, Math.min(chunkBytes, limit - pos), pos);
      if (bytesRead === 0) break;
      stream.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    stream.end(await readHead(file, HEAD_BYTES));
    if (options.final) stream.close();
    return {
      cursor: stream.state(),
      decision,
      bytesRead: pos - decision.from,
      cutLines: stream.cutLines,
    };
  } finally {
    await file.close();
  }
}

async function readHead(file: Awaited<ReturnType<typeof open>>, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, 0);
  return buf.subarray(0, bytesRead);
}

// Per-container memory between probe rounds: one cursor + line stream + signature scanner per log file, so each
// round reads only new bytes, and tracebacks or stalled tasks spanning two rounds are still seen whole. Hits are
// counted once across files (see HitTally: the same line reaches log/dh.log and stdout).
import { LogStream } from '@/lib/logs/log-stream';
import { HitTally } from '@/lib/diagnosis/hit-tally';
import { SignatureScanner, type SignatureHit, type SignatureSummary } from '@/lib/diagnosis/scanner';
import type { ProbeLogChunk } from './types';

interface WatchedFile {
  stream: LogStream;
  scanner: SignatureScanner;
}

export class LogWatch {
  private readonly files = new Map<string, WatchedFile>();
  private readonly tally = new HitTally();
  private fresh: SignatureHit[] = [];
  private readAt: string | undefined;

  /** Cursors to send to the probe script, one per watched path. */
  specs(paths: string[]): { path: string; cursor: ReturnType<LogStream['state']> | null }[] {
    return paths.map((path) => ({ path, cursor: this.files.get(path)?.stream.state() ?? null }));
  }

  /** Feeds one chunk the probe read at `readAt` (the container's clock). */
  accept(chunk: ProbeLogChunk, readAt?: string): void {
    const file = this.file(chunk.path);
    this.readAt = readAt;
    file.stream.begin({ kind: chunk.kind, from: chunk.from }, { ino: chunk.ino, size: chunk.size });
    file.stream.push(Buffer.from(chunk.data, 'base64'));
    file.stream.endWithHead(chunk.headLen, chunk.headHash);
  }

  /** Whole lines from a source without byte offsets (the container's own log via the Docker API). */
  acceptLines(path: string, lines: string[], readAt?: string): void {
    const file = this.file(path);
    for (const line of lines) file.scanner.feed(line, readAt);
  }

  /** Hits first seen since the last call. */
  takeFreshHits(): SignatureHit[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** All files together; stalls judged against the container's own clock, each stalled task once. */
  summary(now?: string): SignatureSummary {
    const out = this.tally.summary();
    const stalled = new Map<string, SignatureHit>();
    for (const f of this.files.values()) for (const s of f.scanner.stalls(now)) stalled.set(s.taskId ?? s.line, s);
    const t = out.stall;
    for (const s of stalled.values()) {
      t.count++;
      if (s.taskId) t.taskIds.push(s.taskId);
      if (s.time && (!t.first || s.time < t.first)) t.first = s.time;
      if (s.time && (!t.last || s.time > t.last)) t.last = s.time;
    }
    return out;
  }

  private file(path: string): WatchedFile {
    let f = this.files.get(path);
    if (!f) {
      const scanner = new SignatureScanner({ onHit: (hit) => this.tally.add(hit, path) && this.fresh.push(hit) });
      f = { scanner, stream: new LogStream((line) => scanner.feed(line, this.readAt)) };
      this.files.set(path, f);
    }
    return f;
  }
}

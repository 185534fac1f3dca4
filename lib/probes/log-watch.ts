// Per-container memory between probe rounds: one cursor + line stream + signature scanner per log file, so each
// round reads only new bytes, and tracebacks or stalled tasks spanning two rounds are still seen whole. Hits are
// counted once across files (see HitTally: the same line reaches log/dh.log and stdout) and kept as events with
// their moment in UTC (log times are the container's local clock: its zone offset comes with each probe).
import { LogStream } from '@/lib/logs/log-stream';
import { HitTally } from '@/lib/diagnosis/hit-tally';
import { SignatureScanner } from '@/lib/diagnosis/scanner';
import {
  countSince,
  eventKey,
  localToUtcMs,
  splitByWindow,
  utcToLocal,
  type EvidenceWindow,
  type LogEvent,
  type TimedSummary,
} from '@/lib/diagnosis/events';
import type { SignatureId } from '@/lib/diagnosis/signatures';
import type { ProbeLogChunk } from './types';

interface WatchedFile {
  stream: LogStream;
  scanner: SignatureScanner;
}

/** A line of the container's own log with Docker's timestamp (RFC 3339, UTC). */
export interface TimedLine {
  ts: string;
  text: string;
}

export interface WindowedSignatures {
  /** Events inside the window: what health is judged on. */
  current: TimedSummary;
  /** Events before it (an earlier service process, a predecessor container's files): shown, never raising state. */
  history: TimedSummary;
  /** Events in the hour before `nowMs`, per signature: the span of the charts' "last hour". */
  lastHour: Record<SignatureId, number>;
}

export class LogWatch {
  private readonly files = new Map<string, WatchedFile>();
  private readonly tally = new HitTally();
  private fresh: LogEvent[] = [];
  private readAt: string | undefined;
  /** Seconds the container's clock is ahead of UTC; null until a probe said. */
  private offsetS: number | null = null;

  /** Cursors to send to the probe script, one per watched path. */
  specs(paths: string[]): { path: string; cursor: ReturnType<LogStream['state']> | null }[] {
    return paths.map((path) => ({ path, cursor: this.files.get(path)?.stream.state() ?? null }));
  }

  /** The container's zone offset, read by this round's probe. */
  setClock(offsetS: number | null): void {
    if (offsetS !== null) this.offsetS = offsetS;
  }

  get clockOffsetS(): number | null {
    return this.offsetS;
  }

  /**
   * Feeds one chunk the probe read at `readAt` (the container's clock). A first read is a backlog of unknown age:
   * its undated lines take the time written before them, never the time of the read.
   */
  accept(chunk: ProbeLogChunk, readAt?: string): void {
    const file = this.file(chunk.path);
    this.readAt = chunk.kind === 'new' ? undefined : readAt;
    file.stream.begin({ kind: chunk.kind, from: chunk.from }, { ino: chunk.ino, size: chunk.size });
    file.stream.push(Buffer.from(chunk.data, 'base64'));
    file.stream.endWithHead(chunk.headLen, chunk.headHash);
  }

  /** Lines of the container's own log (Docker API): Docker's timestamp dates the lines that carry no time. */
  acceptLines(path: string, lines: TimedLine[]): void {
    const file = this.file(path);
    for (const line of lines) {
      const ms = Date.parse(line.ts);
      const local =
        this.offsetS !== null && Number.isFinite(ms) ? utcToLocal(ms, this.offsetS) : undefined;
      file.scanner.feed(line.text, local);
    }
  }

  /** Events first seen since the last call. */
  takeFreshHits(): LogEvent[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** Every file's events split by the window; stalls judged against the container's own clock (`now`). */
  summarize(w: EvidenceWindow, now?: string): WindowedSignatures {
    const stalls = this.stallEvents(now);
    const events = [...this.tally.events(), ...stalls];
    const { current, history } = splitByWindow(events, w);
    mergeInto(history, this.tally.droppedSummary());
    // The last hour as the charts draw it: from the start of the minute an hour ago.
    const hourAgo = Math.floor((w.toMs - 3_600_000) / 60_000) * 60_000;
    return { current, history, lastHour: countSince(this.tally.events(), hourAgo) };
  }

  private stallEvents(now?: string): LogEvent[] {
    const stalled = new Map<string, LogEvent>();
    for (const f of this.files.values()) {
      for (const s of f.scanner.stalls(now)) {
        stalled.set(s.taskId ?? s.line, {
          ...s,
          at: localToUtcMs(s.time, this.offsetS),
          key: eventKey(s, 1),
        });
      }
    }
    return [...stalled.values()];
  }

  private file(path: string): WatchedFile {
    let f = this.files.get(path);
    if (!f) {
      const scanner = new SignatureScanner({
        onHit: (hit) => {
          const event = this.tally.add(hit, path, localToUtcMs(hit.time, this.offsetS));
          if (event) this.fresh.push(event);
        },
      });
      f = { scanner, stream: new LogStream((line) => scanner.feed(line, this.readAt)) };
      this.files.set(path, f);
    }
    return f;
  }
}

function mergeInto(out: TimedSummary, add: TimedSummary): void {
  for (const [id, t] of Object.entries(add) as [SignatureId, TimedSummary[SignatureId]][]) {
    if (t.count === 0) continue;
    const o = out[id];
    o.count += t.count;
    for (const task of t.taskIds) if (!o.taskIds.includes(task)) o.taskIds.push(task);
    const edges = [t.first, t.last].filter((x): x is string => x !== null);
    for (const time of edges) {
      if (!o.first || time < o.first) o.first = time;
      if (!o.last || time > o.last) o.last = time;
    }
    for (const at of [t.firstAt, t.lastAt]) {
      if (at === null) continue;
      if (o.firstAt === null || at < o.firstAt) o.firstAt = at;
      if (o.lastAt === null || at > o.lastAt) o.lastAt = at;
    }
  }
}

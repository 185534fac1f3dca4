// Counts hits from several logs of one container without counting a line twice: HeyGem writes each log line both
// to log/dh.log and to stdout (/tmp/gradio.log, or the container's log), so the same hit arrives from two files.
// A hit is "the same" when signature, task, time and text agree; repeats within one file are real repeats, so a
// key counts as many times as the file that shows it most often. Each counted hit is kept as an event with its
// moment in UTC, bounded per signature: the window health is judged over is cut from them at summary time.
import {
  emptyTimedSummary,
  eventKey,
  tallyEvent,
  type LogEvent,
  type TimedSummary,
} from './events';
import type { SignatureHit } from './scanner';
import type { SignatureId } from './signatures';

const MAX_KEYS = 20_000;
/** Events kept per signature; older ones fold into one tally (history whose lines are gone). */
const MAX_EVENTS = 1_000;

export class HitTally {
  private readonly seen = new Map<string, { perSource: Map<string, number>; counted: number }>();
  private readonly kept = new Map<SignatureId, LogEvent[]>();
  private readonly dropped = emptyTimedSummary();

  /**
   * Returns the event when the hit is new (not a copy of one already counted from another log), else null.
   * `at` is the hit's moment in UTC, when its zone is known.
   */
  add(hit: SignatureHit, source: string, at: number | null): LogEvent | null {
    const key = `${hit.signature}\u0000${hit.taskId ?? ''}\u0000${hit.time ?? ''}\u0000${hit.line}`;
    let entry = this.seen.get(key);
    if (!entry) {
      if (this.seen.size >= MAX_KEYS) this.seen.delete(this.seen.keys().next().value!);
      entry = { perSource: new Map(), counted: 0 };
      this.seen.set(key, entry);
    }
    const n = (entry.perSource.get(source) ?? 0) + 1;
    entry.perSource.set(source, n);
    if (n <= entry.counted) return null;
    entry.counted = n;
    const event: LogEvent = { ...hit, at, key: eventKey(hit, n) };
    const list = this.kept.get(hit.signature) ?? [];
    this.kept.set(hit.signature, list);
    list.push(event);
    if (list.length > MAX_EVENTS) this.fold(list.splice(0, list.length - MAX_EVENTS));
    return event;
  }

  /** The events kept, oldest first per signature. */
  *events(): Generator<LogEvent> {
    for (const list of this.kept.values()) yield* list;
  }

  /** Events dropped from the bounded lists (the oldest), per signature: history whose lines are gone. */
  droppedSummary(): TimedSummary {
    return this.dropped;
  }

  private fold(gone: LogEvent[]): void {
    for (const e of gone) tallyEvent(this.dropped, e);
  }
}

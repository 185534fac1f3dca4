// Counts hits from several logs of one container without counting a line twice: HeyGem writes each log line both
// to log/dh.log and to stdout (/tmp/gradio.log, or the container's log), so the same hit arrives from two files.
// A hit is "the same" when signature, task, time and text agree; repeats within one file are real repeats, so a
// key counts as many times as the file that shows it most often.
import { emptySummary, type SignatureHit, type SignatureSummary } from './scanner';
import type { SignatureId } from './signatures';

const MAX_KEYS = 20_000;
const MAX_TASK_IDS = 1000;

export class HitTally {
  private readonly seen = new Map<string, { perSource: Map<string, number>; counted: number }>();
  private readonly tally = emptySummary();
  private readonly taskSets = new Map<SignatureId, Set<string>>();

  /** Returns true when the hit is new (not a copy of one already counted from another log). */
  add(hit: SignatureHit, source: string): boolean {
    const key = `${hit.signature}\u0000${hit.taskId ?? ''}\u0000${hit.time ?? ''}\u0000${hit.line}`;
    let entry = this.seen.get(key);
    if (!entry) {
      if (this.seen.size >= MAX_KEYS) this.seen.delete(this.seen.keys().next().value!);
      entry = { perSource: new Map(), counted: 0 };
      this.seen.set(key, entry);
    }
    const n = (entry.perSource.get(source) ?? 0) + 1;
    entry.perSource.set(source, n);
    if (n <= entry.counted) return false;
    entry.counted = n;
    this.count(hit);
    return true;
  }

  summary(): SignatureSummary {
    const out = emptySummary();
    for (const [id, t] of Object.entries(this.tally) as [SignatureId, SignatureSummary[SignatureId]][]) out[id] = { ...t, taskIds: [...t.taskIds] };
    return out;
  }

  private count(hit: SignatureHit): void {
    const t = this.tally[hit.signature];
    t.count++;
    if (hit.taskId) {
      const set = this.taskSets.get(hit.signature) ?? new Set<string>();
      this.taskSets.set(hit.signature, set);
      if (!set.has(hit.taskId) && set.size < MAX_TASK_IDS) {
        set.add(hit.taskId);
        t.taskIds.push(hit.taskId);
      }
    }
    if (hit.time) {
      if (!t.first || hit.time < t.first) t.first = hit.time;
      if (!t.last || hit.time > t.last) t.last = hit.time;
    }
  }
}

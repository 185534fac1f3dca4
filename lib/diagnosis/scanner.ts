// Matches log lines against the signature catalogue. Stateful and line-at-a-time, so the same scanner serves a
// local file read in chunks, bytes a probe fetched from a remote offset, or a pasted log; all its memory is bounded
// (hit lists, task ids and tracked tasks are capped), whatever the size of the log.
import { parseLine, type ParsedLine } from '@/lib/logs/line-shape';
import { linearTest } from './regex';
import {
  SIGNATURES,
  SIGNATURE_IDS,
  type Signature,
  type SignatureId,
  type StallSignature,
} from './signatures';

export interface SignatureHit {
  signature: SignatureId;
  taskId: string | null;
  time: string | null;
  /** The matching line (for tracebacks, the line that completed the match), cut to 500 characters. */
  line: string;
}

export interface SignatureTally {
  count: number;
  taskIds: string[];
  first: string | null;
  last: string | null;
}

export type SignatureSummary = Record<SignatureId, SignatureTally>;

export interface ScannerOptions {
  signatures?: readonly Signature[];
  maxHitsKept?: number;
  maxTaskIds?: number;
  maxTrackedTasks?: number;
  /** Called for each hit as it is found (stalls excepted: they are judged at summary time). */
  onHit?: (hit: SignatureHit) => void;
}

interface TrackedTask {
  loopAt: string | null;
  lastAt: string | null;
  line: string;
}

const TRACEBACK_START = /^Traceback \(most recent call last\):/;
const MAX_TRACEBACK_LINES = 400;

export function emptySummary(): SignatureSummary {
  const out = {} as SignatureSummary;
  for (const id of SIGNATURE_IDS) out[id] = { count: 0, taskIds: [], first: null, last: null };
  return out;
}

export function timeToMs(time: string): number {
  return Date.parse(`${time.replace(' ', 'T')}Z`);
}

export class SignatureScanner {
  private readonly signatures: readonly Signature[];
  private readonly maxHitsKept: number;
  private readonly maxTaskIds: number;
  private readonly maxTrackedTasks: number;
  private readonly onHit?: (hit: SignatureHit) => void;
  private readonly tallies = emptySummary();
  private readonly taskIdSets = new Map<SignatureId, Set<string>>();
  private recent: SignatureHit[] = [];
  private readonly tasks = new Map<string, TrackedTask>();
  private lastTime: string | null = null;
  private lastTaskId: string | null = null;
  private newestLoop: string | null = null;
  private linesSeen = 0;
  // The open traceback: which patterns of each signature it has shown, and the line-level hits inside it.
  private block: {
    lines: number;
    matched: Map<SignatureId, Set<number>>;
    lineHits: Map<SignatureId, string>;
    taskBefore: string | null;
  } | null = null;

  constructor(options: ScannerOptions = {}) {
    this.signatures = options.signatures ?? SIGNATURES;
    this.maxHitsKept = options.maxHitsKept ?? 200;
    this.maxTaskIds = options.maxTaskIds ?? 1000;
    this.maxTrackedTasks = options.maxTrackedTasks ?? 10_000;
    this.onHit = options.onHit;
  }

  get lines(): number {
    return this.linesSeen;
  }

  /** Time of the newest timed line seen: the reference for the stall rule when no clock is given. */
  get newestTime(): string | null {
    return this.lastTime;
  }

  /**
   * One log line. `arrivalTime` is when it was read (the probe's clock): lines the service prints without a time
   * (HeyGem's bare progress prints) take it, else the newest time written before them.
   */
  feed(raw: string, arrivalTime?: string): void {
    this.linesSeen++;
    const line = parseLine(raw);
    const shaped = line.shape !== 'plain';
    if (this.block && (shaped || this.block.lines >= MAX_TRACEBACK_LINES)) this.closeBlock(line);
    if (!this.block && TRACEBACK_START.test(line.text)) {
      this.block = {
        lines: 0,
        matched: new Map(),
        lineHits: new Map(),
        taskBefore: this.lastTaskId,
      };
    }
    if (this.block) {
      this.block.lines++;
      this.matchInBlock(line.text);
      return;
    }
    if (line.time && (!this.lastTime || line.time > this.lastTime)) this.lastTime = line.time;
    for (const sig of this.signatures) {
      if (sig.kind === 'line' && sig.patterns.some((p) => linearTest(p, line.text)))
        this.record(sig.id, line.taskId, line.time ?? arrivalTime ?? this.lastTime, line.text);
    }
    this.trackTask(line, line.time ?? arrivalTime ?? this.lastTime);
    if (line.taskId) this.lastTaskId = line.taskId;
  }

  /** End of input: a traceback still open at the end is judged on what it showed. */
  finish(): void {
    if (this.block) this.closeBlock(null);
  }

  /** Counts per signature; stalls are judged against `now` (the log's newest time when not given). */
  summary(now?: string): SignatureSummary {
    const out = emptySummary();
    for (const id of SIGNATURE_IDS)
      out[id] = { ...this.tallies[id], taskIds: [...this.tallies[id].taskIds] };
    for (const hit of this.stalls(now)) {
      const t = out.stall;
      t.count++;
      if (hit.taskId && t.taskIds.length < this.maxTaskIds) t.taskIds.push(hit.taskId);
      if (hit.time) {
        if (!t.first || hit.time < t.first) t.first = hit.time;
        if (!t.last || hit.time > t.last) t.last = hit.time;
      }
    }
    return out;
  }

  /** The most recent hits (bounded), stalls included. */
  hits(now?: string): SignatureHit[] {
    return [...this.recent, ...this.stalls(now)];
  }

  /** Tasks that started their loop and then went silent for the stall signature's threshold. */
  stalls(now?: string): SignatureHit[] {
    const sig = this.stallSignature();
    const ref = now ?? this.lastTime;
    if (!sig || !ref) return [];
    const refMs = timeToMs(ref);
    const out: SignatureHit[] = [];
    for (const [taskId, task] of this.tasks) {
      if (task.lastAt && refMs - timeToMs(task.lastAt) >= sig.stallAfterMs) {
        out.push({ signature: 'stall', taskId, time: task.lastAt, line: task.line });
      }
    }
    return out;
  }

  private stallSignature(): StallSignature | undefined {
    return this.signatures.find((s): s is StallSignature => s.kind === 'stall');
  }

  private matchInBlock(text: string): void {
    const block = this.block!;
    for (const sig of this.signatures) {
      const all =
        sig.kind === 'traceback' ? sig.all : sig.kind === 'line' ? sig.traceback : undefined;
      if (all) {
        all.forEach((p, i) => {
          if (linearTest(p, text)) {
            const seen = block.matched.get(sig.id) ?? new Set<number>();
            seen.add(i);
            block.matched.set(sig.id, seen);
            if (seen.size === all.length && !block.lineHits.has(sig.id))
              block.lineHits.set(sig.id, text);
          }
        });
      }
      if (
        sig.kind === 'line' &&
        !block.lineHits.has(sig.id) &&
        sig.patterns.some((p) => linearTest(p, text))
      )
        block.lineHits.set(sig.id, text);
    }
  }

  // One traceback (chained parts included) is one event: each signature it shows counts once, with the task and time
  // of the log line that follows it (HeyGem logs `[<task>]任务执行失败` right after), else of the line before it.
  private closeBlock(next: ParsedLine | null): void {
    const block = this.block!;
    this.block = null;
    const taskId = next?.taskId ?? block.taskBefore;
    const time = next?.time ?? this.lastTime;
    for (const [id, text] of block.lineHits) {
      // HeyGem often logs the same failure right after its traceback (`[<task>]共享内存分配失败: [Errno 28] ...`):
      // that line is the event's hit, the traceback is its detail.
      const sig = this.signatures.find((x) => x.id === id);
      if (next && sig?.kind === 'line' && sig.patterns.some((p) => linearTest(p, next.text)))
        continue;
      this.record(id, taskId, time, text);
      if (taskId) this.tasks.delete(taskId);
      if (taskId && this.newestLoop === taskId) this.newestLoop = null;
    }
  }

  // HeyGem prints `开始循环` and its progress as bare lines without task id or time: they belong to the task named
  // by the log line before them (`[<task>]任务视频驱动队列启动 ...`), and count as that loop's activity.
  private trackTask(line: ParsedLine, at: string | null): void {
    const sig = this.stallSignature();
    if (!sig) return;
    if (linearTest(sig.loopStart, line.text)) {
      const id = line.taskId ?? this.lastTaskId;
      if (!id) return;
      this.tasks.delete(id); // re-insert: insertion order is loop-start order, the newest loop last
      if (this.tasks.size >= this.maxTrackedTasks)
        this.tasks.delete(this.tasks.keys().next().value!);
      this.tasks.set(id, { loopAt: at, lastAt: at, line: line.text });
      this.newestLoop = id;
      return;
    }
    const id = line.taskId ?? (line.shape === 'plain' ? this.newestLoop : null);
    const task = id ? this.tasks.get(id) : undefined;
    if (!id || !task) return;
    const failed =
      line.taskId !== null &&
      this.signatures.some(
        (s) => s.kind === 'line' && s.patterns.some((p) => linearTest(p, line.text)),
      );
    if (failed || (line.taskId !== null && sig.taskEnd.some((p) => linearTest(p, line.text)))) {
      this.tasks.delete(id);
      if (this.newestLoop === id) this.newestLoop = null;
      return;
    }
    task.lastAt = at ?? task.lastAt;
    task.line = line.text;
  }

  private record(id: SignatureId, taskId: string | null, time: string | null, text: string): void {
    const t = this.tallies[id];
    t.count++;
    if (taskId) {
      const set = this.taskIdSets.get(id) ?? new Set<string>();
      this.taskIdSets.set(id, set);
      if (!set.has(taskId) && set.size < this.maxTaskIds) {
        set.add(taskId);
        t.taskIds.push(taskId);
      }
    }
    if (time) {
      if (!t.first || time < t.first) t.first = time;
      if (!t.last || time > t.last) t.last = time;
    }
    const hit = { signature: id, taskId, time, line: text.slice(0, 500) };
    this.recent.push(hit);
    this.onHit?.(hit);
    if (this.recent.length > this.maxHitsKept * 2)
      this.recent = this.recent.slice(-this.maxHitsKept);
  }
}

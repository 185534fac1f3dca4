import { appendEvent } from './store';
import { untilStored } from './until-stored';
import type { JobEvent } from './types';

// A job's log, written in order without holding up its steps. A line that cannot be stored yet (the disk under the
// data directory full, the database briefly locked) stays queued, and so does every line after it, so the order
// holds; each later line retries the queue, and the job's end waits until all of it is stored.

const MAX_QUEUED = 20_000;

interface Queued {
  type: JobEvent['type'];
  step: number | null;
  text: string;
}

export class JobEventLog {
  private readonly queue: Queued[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private dropped = 0;
  /** The store's last refusal, while lines are queued. */
  lastError: string | null = null;

  constructor(private readonly jobId: string) {}

  /** Queues one event and tries to store the queue; resolves (never rejects) once this try is over. */
  add(type: JobEvent['type'], step: number | null, text: string): Promise<void> {
    if (this.queue.length >= MAX_QUEUED && type === 'log') this.dropped++;
    else this.queue.push({ type, step, text });
    return this.flush();
  }

  /** Tries to store what is queued, in order; stops at the first failure, keeping the rest. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.dropped > 0 && this.queue.length < MAX_QUEUED) {
        this.queue.push({
          type: 'log',
          step: null,
          text: `(${this.dropped} log lines were not kept: the store was not writable)`,
        });
        this.dropped = 0;
      }
      while (this.queue.length > 0) {
        const e = this.queue[0]!;
        try {
          await appendEvent(this.jobId, e.type, e.step, e.text);
        } catch (err) {
          this.lastError = err instanceof Error ? err.message : String(err);
          return;
        }
        this.queue.shift();
        this.lastError = null;
      }
    });
    return this.flushing;
  }

  get unwritten(): number {
    return this.queue.length;
  }

  /** At the job's end: retried until every queued line is stored. */
  drain(): Promise<void> {
    return untilStored(`the log of job ${this.jobId}`, async () => {
      await this.flush();
      if (this.queue.length > 0) throw new Error(`${this.queue.length} log lines not stored yet`);
    });
  }
}

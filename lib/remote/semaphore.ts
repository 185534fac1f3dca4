/** The queue of a Semaphore is full: the caller is refused at once instead of waiting behind everyone else. */
export class QueueFullError extends Error {
  constructor(readonly queued: number) {
    super(`${queued} callers already waiting`);
    this.name = 'QueueFullError';
  }
}

interface Waiter {
  grant: () => void;
}

/**
 * Bounds concurrent work (channels on one SSH connection, Docker calls to one host, previews of one host); callers
 * beyond the bound wait in FIFO order, each until its own deadline (an AbortSignal). With `maxQueue`, a caller that
 * finds that many already waiting is refused with QueueFullError: under a flood the console answers "busy" quickly
 * instead of letting the queue, and every caller's wait, grow without limit.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting = new Set<Waiter>(); // insertion-ordered; O(1) removal when a waiter gives up

  constructor(
    readonly capacity: number,
    readonly maxQueue = Infinity,
  ) {}

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.size;
  }

  private release(): void {
    const next = this.waiting.values().next();
    if (next.done) this.active--;
    else {
      this.waiting.delete(next.value);
      next.value.grant();
    }
  }

  private once(): () => void {
    let done = false;
    return () => {
      if (!done) {
        done = true;
        this.release();
      }
    };
  }

  /** Resolves with a release function (idempotent). `maxQueue` here overrides the semaphore's for this caller. */
  acquire(signal?: AbortSignal, maxQueue = this.maxQueue): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve(this.once());
    }
    if (this.waiting.size >= maxQueue) return Promise.reject(new QueueFullError(this.waiting.size));
    return new Promise((resolve, reject) => {
      const entry: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.once());
        },
      };
      const onAbort = (): void => {
        this.waiting.delete(entry);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(entry);
    });
  }
}

/** Bounds concurrent channels on one SSH connection; callers beyond the bound wait in FIFO order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: { grant: () => void; reject: (e: unknown) => void }[] = [];

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    const release = (): void => {
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.active--;
    };
    const once = (): (() => void) => {
      let done = false;
      return () => {
        if (!done) {
          done = true;
          release();
        }
      };
    };
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve(once());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(once());
        },
        reject,
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }
}

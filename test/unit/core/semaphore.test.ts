// The bound under every per-host queue of the console (exec channels, Docker calls, previews): at most `capacity` at
// once, waiters in order, each until its own deadline, and with `maxQueue` a refusal at once when the queue is full.
import { describe, expect, it } from 'vitest';
import { QueueFullError, Semaphore } from '@/lib/remote/semaphore';

describe('Semaphore', () => {
  it('grants in arrival order and never more than its capacity', async () => {
    const s = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const release = await s.acquire();
        order.push(i);
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        release();
        release(); // a second release is a no-op
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect([s.inUse, s.queued]).toEqual([0, 0]);
  });

  it('refuses at once beyond maxQueue, and a waiter leaves the queue at its deadline', async () => {
    const s = new Semaphore(1, 2);
    const hold = await s.acquire();
    const a = s.acquire(AbortSignal.timeout(50));
    const b = s.acquire();
    const t0 = performance.now();
    await expect(s.acquire()).rejects.toBeInstanceOf(QueueFullError);
    expect(performance.now() - t0).toBeLessThan(20);
    await expect(a).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(s.queued).toBe(1);
    const c = s.acquire(); // room again after a's deadline
    hold();
    (await b)();
    (await c)();
    expect([s.inUse, s.queued]).toEqual([0, 0]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireLock,
  LOCK_TTL_MS,
  lockHolder,
  LockedError,
  releaseLock,
  renewLock,
} from '@/lib/locks/container-lock';
import { useTempDataDir } from '../core/temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => {
  tmp = useTempDataDir();
});
afterEach(() => tmp.dispose());

describe('container lock', () => {
  it('100 concurrent conflicting acquisitions: exactly one wins, the others are refused naming the holder', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => acquireLock('h1', 'host-1', 'svc', `job-${i}`)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ jobId: string }>).value.jobId;
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(99);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(LockedError);
      expect((r.reason as Error).message).toContain(`job ${winner} holds it`);
      expect((r.reason as Error).message).toContain('host-1/svc is busy');
    }
    expect((await lockHolder('h1', 'svc'))?.jobId).toBe(winner);
  });

  it('other containers are independent', async () => {
    await acquireLock('h1', 'a', 'svc', 'j1');
    await expect(acquireLock('h1', 'a', 'other', 'j2')).resolves.toMatchObject({ jobId: 'j2' });
    await expect(acquireLock('h2', 'b', 'svc', 'j3')).resolves.toMatchObject({ jobId: 'j3' });
  });

  it('a released lock is free again, with a larger token', async () => {
    const first = await acquireLock('h1', 'a', 'svc', 'j1');
    await releaseLock('h1', 'svc', first);
    expect(await lockHolder('h1', 'svc')).toBeNull();
    const second = await acquireLock('h1', 'a', 'svc', 'j2');
    expect(second.token).toBeGreaterThan(first.token);
  });

  it('a crashed holder blocks nobody after the TTL, and its fence check fails afterwards', async () => {
    const t0 = 1_000_000;
    const crashed = await acquireLock('h1', 'a', 'svc', 'j1', t0);
    await expect(acquireLock('h1', 'a', 'svc', 'j2', t0 + LOCK_TTL_MS - 1)).rejects.toBeInstanceOf(
      LockedError,
    );
    const next = await acquireLock('h1', 'a', 'svc', 'j2', t0 + LOCK_TTL_MS + 1);
    expect(next.token).toBeGreaterThan(crashed.token);
    // The old holder wakes up: its renewal (the fence check before each step) fails; its release changes nothing.
    expect(await renewLock('h1', 'svc', crashed, t0 + LOCK_TTL_MS + 2)).toBe(false);
    await releaseLock('h1', 'svc', crashed);
    expect((await lockHolder('h1', 'svc', t0 + LOCK_TTL_MS + 3))?.jobId).toBe('j2');
  });

  it('renewal keeps a live holder', async () => {
    const t0 = 2_000_000;
    const h = await acquireLock('h1', 'a', 'svc', 'j1', t0);
    expect(await renewLock('h1', 'svc', h, t0 + LOCK_TTL_MS - 10)).toBe(true);
    await expect(acquireLock('h1', 'a', 'svc', 'j2', t0 + LOCK_TTL_MS + 10)).rejects.toBeInstanceOf(
      LockedError,
    );
  });
});

// Every remote read of a test run ends: at its deadline (even when it is still queued for a Docker socket and never
// started), or at once when the run is cancelled, with an error that says which.
import { describe, expect, it } from 'vitest';
import { RemoteError } from '@/lib/remote';
import { within } from '@/lib/throughput/run-transport';

const never = () => new Promise<never>(() => undefined);

describe('within', () => {
  it('gives the result of a read that finishes in time', async () => {
    await expect(
      within(AbortSignal.timeout(1000), 'h1', 'inspect c', 1000, async () => 'state'),
    ).resolves.toBe('state');
  });

  it('ends a read that never answers at its deadline, naming it', async () => {
    const t0 = Date.now();
    const err = await within(AbortSignal.timeout(100), 'h1', 'inspect c', 100, never).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).kind).toBe('timeout');
    expect((err as RemoteError).message).toBe('h1: inspect c did not finish within 100 ms');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('ends it at once when the run is cancelled, and refuses to start after a cancel', async () => {
    const run = new AbortController();
    const pending = within(
      AbortSignal.any([run.signal, AbortSignal.timeout(60_000)]),
      'h1',
      'logs of c',
      60_000,
      never,
    ).catch((e: unknown) => e);
    run.abort(new Error('cancelled by the operator'));
    expect(((await pending) as RemoteError).kind).toBe('cancelled');
    let started = false;
    const refused = await within(
      run.signal,
      'h1',
      'logs of c',
      1000,
      async () => (started = true),
    ).catch((e: unknown) => e);
    expect((refused as RemoteError).message).toBe('h1: cancelled: logs of c');
    expect(started).toBe(false);
  });
});

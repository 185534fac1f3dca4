import { RemoteError } from './errors';

// Once the console is stopping, no new connection or call starts: work still under way (a probe round, a queued
// request) fails at its next remote call instead of reconnecting and keeping the process alive past its grace.

let stopping = false;

export function markStopping(): void {
  stopping = true;
}

export function isStopping(): boolean {
  return stopping;
}

export function refuseWhenStopping(host: string): void {
  if (stopping) throw new RemoteError('unreachable', host, 'the console is stopping');
}

/** For tests that stop and reuse the remote layer in one process. */
export function resetLifecycle(): void {
  stopping = false;
}

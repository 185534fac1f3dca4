// Remote failures reach the reader as named states: an exec that cannot start because a job is stopping or
// re-creating the container reads "not running", not "Unexpected error" (seen in the browser during a runbook).
import { describe, expect, it } from 'vitest';
import { RemoteError } from '@/lib/remote/errors';
import { probeIssue } from '@/lib/remote/issues';
import { toActionError } from '@/lib/web/errors';

describe('remote issues', () => {
  it('names an exec that could not start in a stopping container, and keeps an unknown failure as failed', () => {
    const stopped = new RemoteError(
      'exit',
      'h1',
      'the container stopped while it ran: OCI runtime exec failed: exec failed: cannot exec in a stopped container',
      { exitCode: 126 },
    );
    expect(probeIssue('log_view', stopped).kind).toBe('container_stopped');
    expect(toActionError(stopped)).toMatchObject({ code: 'remote', kind: 'container_stopped' });
    const other = new RemoteError('exit', 'h1', 'tail exited 1: something else', { exitCode: 1 });
    expect(probeIssue('log_view', other).kind).toBe('failed');
  });
});

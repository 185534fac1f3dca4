// Durable container commands (lib/remote/durable-exec.ts) against a real engine: the command runs detached, its
// output arrives byte for byte, and it outlives the SSH connection; its outcome can be read back by handle, as the
// reconciler does after a console restart; cancel really stops it.
import { describe, expect, it } from 'vitest';
import { remote, RemoteError, type DurableHandle } from '@/lib/remote';
import { inHost } from '../../helpers/lab';
import { scratchService } from '../../helpers/remedy';
import { waitFor } from '../../helpers/wait';

const NAME = 'rx-dx-1';
const scratch = scratchService('h2', NAME, 7925);
const py = (code: string, ...args: string[]) => ['python3', '-c', code, ...args];
const running = async (marker: string) =>
  (await inHost('h2', ['docker', 'exec', NAME, 'pgrep', '-f', marker])).stdout.trim();

describe('durable container commands', () => {
  it('returns exact output (multi-byte, over one read chunk) and the exit status', async () => {
    // 300 000 × "é—" crosses the 256 KiB read chunk inside multi-byte characters; stderr and the status come too.
    const code =
      'import sys; sys.stdout.write("é—" * 300000); sys.stderr.write("warn ✓\\n"); sys.exit(3)';
    const seen: string[] = [];
    const r = await remote.execDurable(scratch.hostId(), NAME, py(code), {
      onOutput: (t) => seen.push(t),
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('é—'.repeat(300000));
    expect(r.stderr).toBe('warn ✓\n');
    expect(seen.length).toBeGreaterThan(1);
    await expect(
      remote.execDurable(scratch.hostId(), NAME, py('import sys; sys.exit(2)'), { check: true }),
    ).rejects.toMatchObject({ kind: 'exit', exitCode: 2 });
    // Nothing is left in the container once the outcome is read.
    expect(
      (
        await inHost('h2', [
          'docker',
          'exec',
          NAME,
          'sh',
          '-c',
          'ls -A /var/tmp/dh-console-steps 2>/dev/null | wc -l',
        ])
      ).stdout.trim(),
    ).toBe('0');
  });

  it('keeps running through a dropped SSH connection and reports its real end', async () => {
    let handle: DurableHandle | undefined;
    const notices: string[] = [];
    const work = remote.execDurable(
      scratch.hostId(),
      NAME,
      py('import time; time.sleep(4); print("slept dhc-durable-a")'),
      {
        onStarted: (h) => void (handle = h),
        onNotice: (l) => notices.push(l),
      },
    );
    await waitFor('the command in the container', 30_000, () => running('dhc-durable-a'));
    remote.resetForTests(); // the network drop: every connection to the host closes under the reads
    const r = await work;
    expect(r).toMatchObject({ code: 0, stdout: 'slept dhc-durable-a\n' });
    expect(handle?.dir).toMatch(/^\/var\/tmp\/dh-console-steps\//);
    console.log(
      `durable through a drop: ${notices.join(' | ') || '(the drop fell between two reads)'}`,
    );
  });

  it('cancel stops the command in the container', async () => {
    const ctl = new AbortController();
    const work = remote.execDurable(
      scratch.hostId(),
      NAME,
      py('import time; time.sleep(60); print("dhc-durable-b")'),
      { signal: ctl.signal },
    );
    await waitFor('the command in the container', 30_000, () => running('dhc-durable-b'));
    ctl.abort();
    await expect(work).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await running('dhc-durable-b')).toBe('');
  });

  it('is read back by its handle while running and after its end, as after a console restart', async () => {
    const left = await startUnfollowed('dhc-durable-c', 3);
    expect(await remote.durableState(scratch.hostId(), left)).toEqual({ state: 'running' });
    const end = await waitFor('its end', 30_000, async () => {
      const s = await remote.durableState(scratch.hostId(), left);
      return s.state === 'running' ? null : s;
    });
    expect(end).toMatchObject({ state: 'exited', code: 0 });
  });

  it('a container restart under it: ended without an exit status', async () => {
    const left = await startUnfollowed('dhc-durable-d', 60);
    expect((await inHost('h2', ['docker', 'restart', '-t', '1', NAME])).code).toBe(0);
    expect(await remote.durableState(scratch.hostId(), left)).toMatchObject({ state: 'gone' });
  });

  it('a container restart under a followed command: the follower says it ended without an exit status', async () => {
    const t0 = Date.now();
    const work = remote.execDurable(
      scratch.hostId(),
      NAME,
      py('import time; time.sleep(60); print("dhc-durable-e")'),
      { check: true },
    );
    work.catch(() => undefined);
    await waitFor('the command in the container', 30_000, () => running('dhc-durable-e'));
    expect((await inHost('h2', ['docker', 'restart', '-t', '1', NAME])).code).toBe(0);
    const e = await work.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ kind: 'exit', exitCode: -1 });
    expect(String(e)).toMatch(/ended without an exit status|stopped while it ran/);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('refuses a handle that is not a step directory', async () => {
    await expect(
      remote.durableState(scratch.hostId(), { container: NAME, dir: '/etc', execId: 'x' }),
    ).rejects.toBeInstanceOf(RemoteError);
  });
});

/** Starts a durable command that nobody follows, keeping only its handle (a console killed mid-step). */
async function startUnfollowed(marker: string, seconds: number): Promise<DurableHandle> {
  const h = await remote.startDurable(
    scratch.hostId(),
    NAME,
    py(`import time; time.sleep(${seconds}); print("${marker}")`),
  );
  await waitFor('the command in the container', 30_000, () => running(marker));
  return h;
}

// Files inside a container, as the remedies edit them: the content goes over stdin, and input cut short (the
// connection dropped mid-stdin, which the exec sees as an early EOF) is refused, never written as a truncated file.
import { describe, expect, it } from 'vitest';
import { fileArgv, readContainerFile, writeContainerFile } from '@/lib/remedies/container-files';
import { remote } from '@/lib/remote';
import { inHost } from '../../helpers/lab';
import { contextFor, scratchService } from '../../helpers/remedy';

const NAME = 'rx-cf-1';
const scratch = scratchService('h2', NAME, 7927);
const FILE = '/tmp/dhc-files-test.ini';
const cat = async () => (await inHost('h2', ['docker', 'exec', NAME, 'cat', FILE])).stdout;

describe('container files', () => {
  it('writes and reads back exactly, keeping the mode', async () => {
    const ctx = contextFor({ hostId: scratch.hostId(), container: NAME });
    const text = '[digital]\nbatch_size = 1\n# 队列 ✓\n';
    await writeContainerFile(ctx, FILE, 'old\n');
    expect((await inHost('h2', ['docker', 'exec', NAME, 'chmod', '600', FILE])).code).toBe(0);
    await writeContainerFile(ctx, FILE, text);
    expect(await cat()).toBe(text);
    expect(await readContainerFile(ctx, FILE)).toEqual({ exists: true, text, mode: 0o600 });
  });

  it('input cut short is refused and the old file stays', async () => {
    const ctx = contextFor({ hostId: scratch.hostId(), container: NAME });
    await writeContainerFile(ctx, FILE, 'batch_size = 4\n');
    const meant = 'batch_size = 1\n' + 'x'.repeat(10_000);
    const r = await remote.execInContainer(scratch.hostId(), NAME, fileArgv.write(FILE, meant), {
      stdin: meant.slice(0, 4_000),
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/incomplete input \(4000 of 10015 bytes\)/);
    expect(await cat()).toBe('batch_size = 4\n');
    expect(
      (
        await inHost('h2', [
          'docker',
          'exec',
          NAME,
          'sh',
          '-c',
          'ls -A /tmp | grep -c dh-console- || true',
        ])
      ).stdout.trim(),
    ).toBe('0');
  });

  it('refuses a path with .. before anything runs', async () => {
    const ctx = contextFor({ hostId: scratch.hostId(), container: NAME });
    await expect(writeContainerFile(ctx, '/tmp/../etc/passwd', 'x')).rejects.toThrow(
      /refused file path/,
    );
  });
});

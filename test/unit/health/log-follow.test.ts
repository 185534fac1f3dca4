// The live log's pieces that need no host: whole lines from a byte range (a character cut by the byte count is
// read again whole), Docker's framed stream cut anywhere, and the per-host limit on followers.
import { afterEach, describe, expect, it } from 'vitest';
import { admitFollower, DockerLogLines, followerCount, wholeLines } from '@/lib/health/log-follow';

afterEach(() => {
  delete process.env.CONSOLE_LOG_FOLLOWERS_PER_HOST;
});

// The service's own words (shared/DOMAIN.md): a multi-byte line, the kind a byte count can cut in two.
const QUEUE_FULL = '任务视频驱动队列满，严重阻塞，下游队列异常';

describe('whole lines from a byte range', () => {
  it('moves on only past the last newline; the rest is read again', () => {
    const read = `first\n${QUEUE_FULL}\nhalf of a li`;
    const r = wholeLines(read, false);
    expect(r.text).toBe(`first\n${QUEUE_FULL}\n`);
    expect(r.consumed).toBe(Buffer.byteLength(`first\n${QUEUE_FULL}\n`));
  });

  it('a chunk that ends inside a character leaves that line for the next read', () => {
    const bytes = Buffer.from(`ok\n${QUEUE_FULL}\n`);
    const cut = bytes.subarray(0, bytes.length - 5).toString('utf8'); // ends with U+FFFD
    expect(wholeLines(cut, false)).toEqual({ text: 'ok\n', consumed: 3 });
  });

  it('nothing whole yet: nothing consumed; a full chunk with no newline is shown cut, never stuck', () => {
    expect(wholeLines('no newline yet', false)).toEqual({ text: '', consumed: 0 });
    expect(wholeLines('x'.repeat(10), true)).toEqual({ text: `${'x'.repeat(10)}\n`, consumed: 10 });
  });
});

describe("Docker's log stream", () => {
  const frame = (stream: 1 | 2, text: string) => {
    const payload = Buffer.from(text);
    const head = Buffer.alloc(8);
    head[0] = stream;
    head.writeUInt32BE(payload.length, 4);
    return Buffer.concat([head, payload]);
  };

  it('joins frames cut at any byte into whole lines, stdout and stderr alike', () => {
    const all = Buffer.concat([frame(1, `a ${QUEUE_FULL}\nb`), frame(2, 'c\nd\n')]);
    for (let cut = 1; cut < all.length; cut++) {
      const p = new DockerLogLines();
      const out = [...p.push(all.subarray(0, cut)), ...p.push(all.subarray(cut))];
      expect(out, `cut at ${cut}`).toEqual([`a ${QUEUE_FULL}`, 'bc', 'd']);
    }
  });

  it('reads a TTY container (no frames) as it is', () => {
    const p = new DockerLogLines();
    expect(p.push(Buffer.from('plain line one\nplain '))).toEqual(['plain line one']);
    expect(p.push(Buffer.from('two\n'))).toEqual(['plain two']);
  });
});

describe('followers per host', () => {
  it('refuses past the limit as busy, and counts a released follower once', () => {
    process.env.CONSOLE_LOG_FOLLOWERS_PER_HOST = '2';
    const a = admitFollower('h-x');
    const b = admitFollower('h-x');
    expect(() => admitFollower('h-x')).toThrow(expect.objectContaining({ kind: 'busy' }));
    expect(admitFollower('h-y')).toBeTypeOf('function');
    a();
    a();
    expect(followerCount('h-x')).toBe(1);
    const c = admitFollower('h-x');
    b();
    c();
    expect(followerCount('h-x')).toBe(0);
  });
});

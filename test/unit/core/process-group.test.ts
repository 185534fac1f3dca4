import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PgidStripper, wrapWithPrelude } from '@/lib/remote/process-group';
import { quoteArgv } from '@/lib/remote/shell-quote';

const feed = (chunks: string[]) => {
  const s = new PgidStripper();
  const out = chunks.map((c) => s.push(Buffer.from(c)).toString()).join('') + s.flush().toString();
  return { out, pgid: s.pgid };
};

describe('process-group prelude', () => {
  it('reports the group, then runs the argv unchanged with its exit status and stderr', () => {
    const line = quoteArgv(
      wrapWithPrelude(['sh', '-c', 'echo "$1|$2" ; echo err >&2; exit 4', 'x', 'a b', "$(id)'"]),
    );
    let status = 0;
    let stdout = '';
    let stderr = '';
    try {
      stdout = execFileSync('/bin/sh', ['-c', line], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      [status, stdout, stderr] = [err.status, err.stdout, err.stderr];
    }
    expect(status).toBe(4);
    expect(stdout).toBe("a b|$(id)'\n");
    const s = feed([stderr]);
    expect(s.out).toBe('err\n');
    expect(s.pgid).toBeGreaterThan(1);
  });

  it.each([
    [['\u001edhc-pgid:4242\nrest'], 4242, 'rest'],
    [['\u001edhc-pg', 'id:77', '\nA', 'B'], 77, 'AB'],
    [['\u001edhc-pgid:\nno proc'], null, 'no proc'],
    [['plain stderr first\n'], null, 'plain stderr first\n'],
    [['short'], null, 'short'],
    [['\u001edhc-pgid:1\n'], null, ''],
  ] as const)('strips %j', (chunks, pgid, out) => {
    expect(feed([...chunks])).toEqual({ out, pgid });
  });
});

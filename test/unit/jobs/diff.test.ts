import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '@/lib/remedies/diff';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('/a', 'x\n', 'x\n')).toBe('');
  });

  it('shows one changed line with three lines of context and correct ranges', () => {
    const before = [
      '[a]',
      'x = 1',
      'y = 2',
      '[digital]',
      'batch_size = 4',
      'fps = 25',
      'z = 3',
      'w = 4',
      'v = 5',
      '',
    ].join('\n');
    const after = before.replace('batch_size = 4', 'batch_size = 1');
    expect(unifiedDiff('/app/config/config.ini', before, after)).toBe(
      [
        '--- a/app/config/config.ini',
        '+++ b/app/config/config.ini',
        '@@ -2,7 +2,7 @@',
        ' x = 1',
        ' y = 2',
        ' [digital]',
        '-batch_size = 4',
        '+batch_size = 1',
        ' fps = 25',
        ' z = 3',
        ' w = 4',
        '',
      ].join('\n'),
    );
  });

  it('a new file is all additions', () => {
    expect(unifiedDiff('/f', '', 'a\nb\n')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  it('two distant changes make two hunks', () => {
    const before = Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n') + '\n';
    const after = before.replace('l2\n', 'L2\n').replace('l25\n', 'L25\n');
    const d = unifiedDiff('/f', before, after);
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(d).toContain('-l2\n+L2\n');
    expect(d).toContain('-l25\n+L25\n');
  });
});

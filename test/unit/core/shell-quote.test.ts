import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quoteArg, quoteArgv } from '@/lib/remote/shell-quote';

// The quoted line is parsed by a real POSIX shell (dash as /bin/sh, and bash) and must give back exactly
// the argv that went in.
const shells = ['/bin/sh', '/bin/bash'];

function roundTrip(shell: string, argv: string[]): string[] {
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${quoteArgv(argv)}`], {
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

const nasty = [
  'plain',
  'a b',
  "it's",
  "''",
  '"',
  '$(id)',
  '`id`',
  '${HOME}',
  '$HOME',
  ';',
  '&&',
  '||',
  '|',
  '>',
  '<',
  '&',
  '*',
  '?',
  '[a]',
  '~',
  '~root',
  '#x',
  '!',
  '!!',
  '\\',
  '\\n',
  '\t',
  ' ',
  '',
  '-n',
  '--help',
  '=',
  'a=b',
  '中文',
  '✓ emoji 🎉',
  '\u00a0',
  '%s',
  'x\'"$`\\y',
  '{a,b}',
  '(sub)',
  'é',
];

describe('shell-quote', () => {
  it.each(shells)('round-trips every awkward value through %s', (shell) => {
    expect(roundTrip(shell, ['printf-arg', ...nasty]).slice(1)).toEqual(nasty);
    for (const v of nasty) expect(roundTrip(shell, [v])).toEqual([v]);
  });

  it('leaves plain words readable and quotes the rest', () => {
    expect(quoteArgv(['docker', 'ps', '--format', '{{.Names}}'])).toBe(
      "docker ps --format '{{.Names}}'",
    );
    expect(quoteArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteArg('')).toBe("''");
    expect(quoteArg('/var/run/docker.sock')).toBe('/var/run/docker.sock');
  });

  it.each([
    [['echo', 'a\nid'], /line break/],
    [['echo', 'a\rid'], /line break/],
    [['echo', 'a\0b'], /NUL/],
    [[], /non-empty array/],
    [['echo', 5 as unknown as string], /not a string/],
  ])('refuses %j', (argv, message) => {
    expect(() => quoteArgv(argv as string[])).toThrow(message);
  });
});

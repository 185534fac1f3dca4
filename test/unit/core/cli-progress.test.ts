// The CLI's progress lines: the same words on a terminal and in a log file, colour only on a terminal that has
// not asked for none (NO_COLOR), each step's time when it ends.
import { afterEach, describe, expect, it } from 'vitest';
import { jobsLine, StepProgress } from '@/cli/progress';

const tty = process.stdout.isTTY;
afterEach(() => {
  process.stdout.isTTY = tty;
  delete process.env.NO_COLOR;
});

function lines(isTTY: boolean) {
  process.stdout.isTTY = isTTY;
  const out: string[] = [];
  const p = new StepProgress(3, (l) => out.push(l));
  p.step(0, 'Back up config.ini', 1_000);
  p.step(1, 'Write config.ini', 2_400);
  p.finish(false, 2_900);
  return out;
}

describe('dhc progress', () => {
  it('plain lines when stdout is not a terminal', () => {
    expect(lines(false)).toEqual([
      '[1/3] Back up config.ini',
      '  done in 1.4 s',
      '[2/3] Write config.ini',
      '  stopped after 0.5 s',
    ]);
    expect(jobsLine(2, 3, 1)).toBe('[2/3] test jobs finished, 1 failed');
  });

  it('colour on a terminal, none with NO_COLOR', () => {
    expect(lines(true)[0]).toBe('\u001b[36m[1/3] Back up config.ini\u001b[0m');
    process.env.NO_COLOR = '1';
    expect(lines(true)[0]).toBe('[1/3] Back up config.ini');
  });
});

// Progress lines for `dhc remedy`, `dhc runbook` and `dhc test`: `[3/12] <step>` as each step starts and
// `  done in 1.4 s` as it ends, the same words on a terminal and in a log file; colour only on a terminal that
// wants it (https://no-color.org: NO_COLOR set to anything turns it off). `--json` prints none of this.

const wantsColour = (): boolean =>
  process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

export const paint = (code: number, text: string): string =>
  wantsColour() ? `\u001b[${code}m${text}\u001b[0m` : text;

const CYAN = 36;
const GREEN = 32;
const RED = 31;

/** Step starts and ends of one job; `finish` closes the last step's line. */
export class StepProgress {
  private current: { startedAt: number } | null = null;

  constructor(
    private readonly total: number,
    private readonly write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  ) {}

  step(index: number, title: string, at = Date.now()): void {
    this.close(true, at);
    this.write(paint(CYAN, `[${index + 1}/${this.total}] ${title}`));
    this.current = { startedAt: at };
  }

  finish(ok: boolean, at = Date.now()): void {
    this.close(ok, at);
  }

  private close(ok: boolean, at: number): void {
    if (!this.current) return;
    const s = ((at - this.current.startedAt) / 1000).toFixed(1);
    this.write(ok ? paint(GREEN, `  done in ${s} s`) : paint(RED, `  stopped after ${s} s`));
    this.current = null;
  }
}

/** `dhc test`: a line each time another test job ends. */
export function jobsLine(done: number, total: number, failed: number): string {
  const text = `[${done}/${total}] test jobs finished${failed ? `, ${failed} failed` : ''}`;
  return paint(failed ? RED : CYAN, text);
}

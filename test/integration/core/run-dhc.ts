import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '../../..');

export interface DhcResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `dhc` entry (cli/dhc.ts through tsx) in a child process; `input` is written to its stdin. */
export function dhc(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  input?: string,
): Promise<DhcResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(root, 'cli/dhc.ts'), ...args],
      { cwd: root, env: { ...process.env, ...env }, timeout: timeoutMs },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

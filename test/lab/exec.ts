// Running programs for the lab: argv arrays only (never a shell line built from values), daemons detached with
// their output in log files, and waits that poll a condition against a deadline.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  input?: string | Buffer;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export class CommandError extends Error {
  constructor(
    readonly argv: string[],
    readonly code: number,
    readonly output: string,
  ) {
    const tail = output.trim().split('\n').slice(-8).join('\n');
    super(`\`${argv.join(' ')}\` exited with ${code}${tail ? `:\n${tail}` : ''}`);
  }
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      {
        maxBuffer: 256 << 20,
        timeout: opts.timeoutMs ?? 300_000,
        env: opts.env ?? process.env,
        cwd: opts.cwd,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (!err) return resolve({ stdout, stderr, code: 0 });
        const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean };
        const code = typeof e.code === 'number' ? e.code : 127;
        const why = typeof e.code === 'number' ? '' : `${e.killed ? 'timed out' : e.message}\n`;
        resolve({ stdout, stderr: `${stderr}${why}`, code });
      },
    );
    child.stdin?.on('error', () => undefined); // a program that exits without reading its input is not an error
    child.stdin?.end(opts.input ?? '');
  });
}

/** Runs and returns stdout; throws CommandError (argv, exit code, output tail) on a non-zero exit. */
export async function must(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new CommandError([cmd, ...args], r.code, `${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** Starts a daemon in its own session (setsid), stdio to `logFile`; returns its PID. */
export function spawnDetached(
  cmd: string,
  args: string[],
  logFile: string,
  env?: NodeJS.ProcessEnv,
): number {
  const fd = fs.openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: env ?? process.env,
    });
    child.on('error', (err) => fs.appendFileSync(logFile, `spawn failed: ${err.message}\n`));
    child.unref();
    if (!child.pid) throw new Error(`could not start ${cmd} (see ${logFile})`);
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value other than undefined/false, or throws naming `what` at the deadline. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  everyMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(
        `lab: timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${why}`,
      );
    }
    await sleep(everyMs);
  }
}

export function cmdline(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie. */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

/**
 * Stops a process we started, identified by PID *and* a fragment of its command line (a recycled PID belonging to
 * someone else is left alone). TERM, then KILL after `graceMs`.
 */
export async function stopProcess(
  pid: number,
  mustContain: string,
  graceMs = 10_000,
): Promise<boolean> {
  const cl = cmdline(pid);
  if (!cl?.includes(mustContain) || !alive(pid)) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await waitFor(`process ${pid} to die`, 5_000, () => !alive(pid));
  }
  return true;
}

/** `which`, including the sbin directories a non-login root shell may lack. */
export function findProgram(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const d of dirs) {
    if (!d) continue;
    const p = `${d}/${name}`;
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

export function program(name: string): string {
  const p = findProgram(name);
  if (!p) throw new Error(`lab: \`${name}\` not found on PATH`);
  return p;
}

// Starts the built console (`next start`) on a free loopback port with its own temporary data directory.
// The server's output goes to a log file, never to the test runner's stdout/stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface ConsoleServer {
  url: string;
  port: number;
  /** The `next start` process (the server may run in it or in its children). */
  pid: number;
  dataDir: string;
  logFile: string;
  /** Last lines of the server log, for assertion messages. */
  logTail(lines?: number): string;
  /** Settles when the `next start` process has exited: its exit code, or the signal that ended it. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a data directory (e.g. to restart a console); a new temporary one by default. */
  dataDir?: string;
  env?: Record<string, string>;
  /** Keep the data directory after stop (it is removed by default when this helper created it). */
  keepData?: boolean;
  startTimeoutMs?: number;
  /** Options for node itself, before the `next` script (e.g. --cpu-prof, which NODE_OPTIONS may not carry). */
  nodeArgs?: string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHttp(
  url: string,
  child: ChildProcess,
  logFile: string,
  deadline: number,
): Promise<void> {
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `console exited (${child.exitCode ?? child.signalCode}) before answering; log ${logFile}:\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `console did not answer ${url} in time (${lastError}); log ${logFile}:\n${tail(logFile)}`,
  );
}

export async function startConsole(options: StartOptions = {}): Promise<ConsoleServer> {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    throw new Error('no console build: run `npx next build` first (npm test does)');
  }
  const port = await freePort();
  const ownData = !options.dataDir;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-data-'));
  const logDir = path.join(root, 'test-output', 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `console-${port}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        CONSOLE_DATA_DIR: dataDir,
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: '1',
        ...options.env,
      },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );

  async function stop(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
      ]);
      if (!killed) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    if (ownData && !options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    await waitForHttp(
      `${url}/login`,
      child,
      logFile,
      Date.now() + (options.startTimeoutMs ?? 60_000),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    port,
    pid: child.pid!,
    dataDir,
    logFile,
    logTail: (n) => tail(logFile, n),
    exited,
    stop,
  };
}

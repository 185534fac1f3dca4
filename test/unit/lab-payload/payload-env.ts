// Runs the lab payload on loopback without Docker: wheels, the package index, a venv, the service in a private
// mount namespace (its own tmpfs as /dev/shm), the GPU directory and nvidia-smi. Every daemon logs to a file.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PAYLOAD = path.resolve(__dirname, '../../lab/payload');
const ROOTFS = path.join(PAYLOAD, 'rootfs');
// pip must see only our index: the machine's own pip settings (extra indexes, find-links) stay out
export const PIP_ENV = {
  ...process.env,
  PIP_CONFIG_FILE: '/dev/null',
  PIP_FIND_LINKS: '',
  PIP_NO_INPUT: '1',
};

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function stopProcess(child: ChildProcess, timeoutMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export async function buildWheels(outDir: string, versions: string[]): Promise<string[]> {
  const { stdout } = await run('python3', [
    path.join(PAYLOAD, 'build_wheels.py'),
    outDir,
    ...versions,
  ]);
  return stdout.trim().split('\n');
}

export interface Daemon {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

export async function startIndex(root: string, logFile: string): Promise<Daemon> {
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    'python3',
    [
      path.join(PAYLOAD, 'index_server.py'),
      '--root',
      root,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--log',
      logFile,
    ],
    { stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}/simple/`;
  await waitFor(
    'the package index',
    async () =>
      (await fetch(url)
        .then((r) => r.ok)
        .catch(() => false)) || undefined,
    10_000,
  );
  return { url, child, stop: () => stopProcess(child) };
}

export async function makeVenv(dir: string): Promise<string> {
  await run('python3', ['-m', 'venv', dir]);
  return path.join(dir, 'bin');
}

export async function pip(bin: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.join(bin, 'pip'), args, { env: PIP_ENV });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: (err.stdout ?? '') + (err.stderr ?? '') };
  }
}

/** Environment the service and ORT need outside a container: stand-in CUDA 11.8 / cuDNN 8 libraries, GPU dir. */
export function serviceEnv(work: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // A clean environment on purpose (nothing of the test runner's leaks into the service); NODE_ENV only because
  // Next's types make it required.
  return {
    NODE_ENV: 'test',
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    LD_LIBRARY_PATH: [
      path.join(ROOTFS, 'usr/local/cuda-11.8/lib64'),
      path.join(ROOTFS, 'usr/lib/x86_64-linux-gnu'),
    ].join(':'),
    DH_GPU_DIR: path.join(work, 'gpu'),
    ORT_STANDIN_STATE_DIR: path.join(work, 'ort-state'),
    GRADIO_TEMP_DIR: path.join(work, 'gradio-tmp'),
    ...extra,
  };
}

/** A host-like GPU layout: <work>/gpu (what containers see as /run/dh-gpu) and <work>/bin/nvidia-smi. */
export function makeGpu(work: string): string {
  fs.mkdirSync(path.join(work, 'gpu'), { recursive: true });
  fs.writeFileSync(path.join(work, 'gpu', 'nvidia0'), '');
  fs.mkdirSync(path.join(work, 'bin'), { recursive: true });
  const smi = path.join(work, 'bin', 'nvidia-smi');
  fs.copyFileSync(path.join(PAYLOAD, 'nvidia-smi'), smi); // a copy: its GPU dir is found from its real path
  fs.chmodSync(smi, 0o755);
  return smi;
}

export interface ServiceOptions {
  work: string;
  venvBin: string;
  shmMb: number;
  batchSize: number;
  port: number;
}
export interface Service extends Daemon {
  appDir: string;
  gradioLog: string;
  dhLog: string;
  shmDir: string;
}

export async function startService(o: ServiceOptions): Promise<Service> {
  const appDir = path.join(o.work, 'app');
  if (!fs.existsSync(appDir))
    fs.cpSync(path.join(ROOTFS, 'app/HeyGem-Linux-Python-Hack'), appDir, { recursive: true });
  const ini = path.join(appDir, 'config/config.ini');
  fs.writeFileSync(
    ini,
    fs.readFileSync(ini, 'utf8').replace(/^batch_size = .*$/m, `batch_size = ${o.batchSize}`),
  );
  const shmDir = path.join(o.work, 'shm');
  fs.mkdirSync(shmDir, { recursive: true });
  const gradioLog = path.join(o.work, 'gradio.log');
  const out = fs.openSync(gradioLog, 'a');
  const env = serviceEnv(o.work, {
    DH_SHM_DIR: shmDir,
    GRADIO_SERVER_NAME: '127.0.0.1',
    GRADIO_SERVER_PORT: String(o.port),
  });
  // a private mount namespace gives the service its own small tmpfs as "/dev/shm", like `docker run --shm-size`
  const script = 'mount -t tmpfs -o size="$1"m tmpfs "$2" && shift 2 && exec "$@"';
  const child = spawn(
    'unshare',
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      script,
      'sh',
      String(o.shmMb),
      shmDir,
      path.join(o.venvBin, 'python'),
      'app.py',
    ],
    { cwd: appDir, env, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const url = `http://127.0.0.1:${o.port}`;
  await waitFor(
    'the service port',
    async () =>
      (await fetch(`${url}/config`)
        .then((r) => r.ok)
        .catch(() => false)) || undefined,
    20_000,
  );
  return {
    url,
    child,
    appDir,
    gradioLog,
    dhLog: path.join(appDir, 'log/dh.log'),
    shmDir,
    stop: () => stopProcess(child),
  };
}

export function readText(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Resolves when every pipeline worker of the service's current start has finished initialising. */
export async function waitWorkersReady(
  svc: Service,
  workers = 3,
  timeoutMs = 30_000,
): Promise<void> {
  await waitFor(
    'the pipeline workers',
    () => {
      const log = readText(svc.dhLog);
      const sinceStart = log.slice(log.lastIndexOf('TransDhTask init'));
      return (sinceStart.match(/init_wh_process/g) ?? []).length >= workers || undefined;
    },
    timeoutMs,
  );
}

export async function nvidiaSmi(smi: string, args: string[]): Promise<string> {
  return (await run(smi, args)).stdout;
}

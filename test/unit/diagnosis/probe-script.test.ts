// Runs lib/probes/container-probe.py for real, outside Docker: a Python 3.8 venv (the service's Python) with the
// lab's onnxruntime-gpu 1.18.0 stand-in wheel installed by pip, and a `python app.py` process answering Gradio's
// /queue/status. The lab integration test (test/integration/probes) runs the same script inside real containers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { factsFromProbe } from '@/lib/probes/facts';
import { evidenceWindow } from '@/lib/diagnosis/events';
import { LogWatch } from '@/lib/probes/log-watch';
import { diagnose } from '@/lib/diagnosis/diagnose';
import type { ContainerProbeOutput, ProbeLogChunk } from '@/lib/probes/types';
import { QUEUE_FULL_MSG, heygem } from './real-lines';

const root = path.resolve(__dirname, '../../..');
const PY38 = '/root/.pyenv/versions/3.8.18/bin/python3';
const basePython = existsSync(PY38) ? PY38 : 'python3';
let dir: string;
let python: string;
let sitePackages: string;
let appDir: string;
let port: number;
let app: ChildProcess;

const run = (file: string, args: string[], opts: { cwd?: string; stdin?: string } = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(file, args, { cwd: opts.cwd, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(opts.stdin ?? '');
  });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

async function probe(config: object): Promise<ContainerProbeOutput> {
  const script = await readFile(path.join(root, 'lib/probes/container-probe.py'), 'utf8');
  const r = await run(python, ['-', JSON.stringify(config)], { stdin: script });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ContainerProbeOutput;
}

const APP_PY = `import http.server, json, os
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"msg": "estimation", "queue_size": 2, "rank": None, "rank_eta": None}).encode()
        self.send_response(200 if self.path == "/queue/status" else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["GRADIO_SERVER_PORT"])), H).serve_forever()
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dh-probe-'));
  const venv = path.join(dir, 'human');
  expect((await run(basePython, ['-m', 'venv', '--without-pip', venv])).code).toBe(0);
  python = path.join(venv, 'bin/python');
  sitePackages = (
    await run(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'])
  ).stdout.trim();
  expect(
    (await run('python3', [path.join(root, 'test/lab/payload/build_wheels.py'), dir, '1.18.0']))
      .code,
  ).toBe(0);
  const pip = await run('python3', [
    '-m',
    'pip',
    'install',
    '-q',
    '--no-index',
    '--no-deps',
    '--target',
    sitePackages,
    path.join(dir, 'onnxruntime_gpu-1.18.0-py3-none-any.whl'),
  ]);
  expect(pip.code).toBe(0);

  appDir = path.join(dir, 'app');
  await mkdir(path.join(appDir, 'config'), { recursive: true });
  await mkdir(path.join(appDir, 'log'));
  await writeFile(path.join(appDir, 'app.py'), APP_PY);
  await writeFile(
    path.join(appDir, 'config/config.ini'),
    '[log]\nlog_dir = ./log\n\n[digital]\nbatch_size = 4\n',
  );
  await writeFile(
    path.join(appDir, 'log/dh.log'),
    `${heygem('2025-03-23 23:13:34', '1002', QUEUE_FULL_MSG, 'ERROR')}\n`,
  );
  port = await freePort();
  app = spawn(python, ['app.py'], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH,
      GRADIO_SERVER_PORT: String(port),
      ORT_PARALLEL: '0',
      OMP_WAIT_POLICY: 'ACTIVE',
    } as unknown as NodeJS.ProcessEnv,
    stdio: 'ignore',
  });
  const deadline = Date.now() + 15_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/queue/status`).then(
      () => true,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error('app.py did not answer within 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  app?.kill('SIGTERM');
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A watch whose log times are UTC, summarised over a window that holds every event (the tests' logs are old). */
const clocked = (w: LogWatch) => (w.setClock(0), w);
const everything = (w: LogWatch, now?: string) =>
  w.summarize(evidenceWindow(Date.now(), 10_000_000, null), now).current;

describe('container-probe.py', () => {
  const config = () => ({ appDir, port, logs: [{ path: path.join(appDir, 'log/dh.log') }] });

  it('reports ORT version, the providers a real session gets, the service, batch size and shm in one run', async () => {
    const out = await probe(config());
    const ort = out.ort as Extract<ContainerProbeOutput['ort'], { version: unknown }>;
    expect(ort.version).toBe('1.18.0');
    expect(ort.availableProviders).toContain('CUDAExecutionProvider');
    expect(ort.session?.providers).toEqual(['CPUExecutionProvider']);
    expect(ort.session?.log.join('\n')).toContain('Failed to create CUDAExecutionProvider');
    expect(out.service).toMatchObject({
      running: true,
      pid: app.pid,
      cwd: appDir,
      env: { ORT_PARALLEL: '0', OMP_WAIT_POLICY: 'ACTIVE' },
    });
    expect(out.web).toMatchObject({ port, answers: true, status: 200, queueSize: 2 });
    expect(out.config).toMatchObject({ batchSize: 4 });
    expect(out.shm).toMatchObject({ sizeBytes: expect.any(Number) });
    expect(out.hook).toMatchObject({ installed: false });

    const facts = factsFromProbe(out, null, null);
    expect(facts).toMatchObject({
      ortVersion: '1.18.0',
      sessionProviders: ['CPUExecutionProvider'],
      batchSize: 4,
      serviceRunning: true,
      portAnswers: true,
    });
    const ids = diagnose(
      (() => {
        const w = clocked(new LogWatch());
        for (const c of out.logs) w.accept(c as ProbeLogChunk);
        return everything(w, out.nowLocal);
      })(),
      facts,
    ).findings.map((f) => f.id);
    expect(ids.slice(0, 2)).toEqual(['queue_blocking', 'cpu_fallback']);
  }, 60_000);

  it('sends only new log bytes when given the cursor of the last round', async () => {
    const watch = clocked(new LogWatch());
    const logPath = path.join(appDir, 'log/dh.log');
    const first = await probe({ ...config(), sessionCheck: false, logs: watch.specs([logPath]) });
    for (const c of first.logs) watch.accept(c as ProbeLogChunk);
    expect(everything(watch).queue_full.count).toBe(1);
    await appendFile(
      logPath,
      `${heygem('2025-03-23 23:14:00', '1003', QUEUE_FULL_MSG, 'ERROR')}\n`,
    );
    const second = await probe({ ...config(), sessionCheck: false, logs: watch.specs([logPath]) });
    const chunk = second.logs[0] as ProbeLogChunk;
    expect(chunk.kind).toBe('continue');
    expect(Buffer.from(chunk.data, 'base64').toString()).toBe(
      `${heygem('2025-03-23 23:14:00', '1003', QUEUE_FULL_MSG, 'ERROR')}\n`,
    );
    watch.accept(chunk);
    expect(everything(watch).queue_full).toMatchObject({ count: 2, taskIds: ['1002', '1003'] });
    const ort = second.ort as { session: unknown };
    expect(ort.session).toBeNull(); // no costly session when told so
  }, 60_000);

  it('tells when config.ini changed after the service started (a restart is pending)', async () => {
    const ini = path.join(appDir, 'config/config.ini');
    const before = factsFromProbe(await probe({ ...config(), sessionCheck: false }), null, null);
    expect(before.restartPending).toEqual([]);
    const later = new Date(Date.now() + 5000);
    await utimes(ini, later, later);
    const after = factsFromProbe(await probe({ ...config(), sessionCheck: false }), null, null);
    expect(after.restartPending).toEqual(['config.ini']);
  }, 60_000);

  it('sees the session-options hook once its module and .pth are in the env', async () => {
    await writeFile(path.join(sitePackages, 'dh_console_session_options.py'), '# hook\n');
    await writeFile(
      path.join(sitePackages, 'dh_console_session_options.pth'),
      'import dh_console_session_options\n',
    );
    try {
      const out = await probe({ ...config(), sessionCheck: false });
      // Installed after the service started: the running process has not loaded it yet.
      expect(out.hook).toMatchObject({ installed: true, loadedByService: false });
    } finally {
      await rm(path.join(sitePackages, 'dh_console_session_options.pth'));
      await rm(path.join(sitePackages, 'dh_console_session_options.py'));
    }
  }, 60_000);
});

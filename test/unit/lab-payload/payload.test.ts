// The lab payload end to end on loopback: wheels served by the index and installed by pip, the stand-in ONNX Runtime,
// the service driven by @gradio/client in its broken and its remediated state, and nvidia-smi reading the activity.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConcurrentJobs, runJob, type JobResult } from './gradio-jobs';
import {
  PAYLOAD,
  buildWheels,
  freePort,
  makeGpu,
  makeVenv,
  nvidiaSmi,
  pip,
  readText,
  serviceEnv,
  startIndex,
  startService,
  tempDir,
  waitFor,
  waitWorkersReady,
  type Daemon,
  type Service,
} from './payload-env';
import { Client, handle_file } from '@gradio/client';

const run = promisify(execFile);
const QUEUE_FULL_LINE =
  /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] \[process\.py\[line:108\]\] \[ERROR\] \[\[([0-9a-f-]{36})\]任务视频驱动队列满，严重阻塞，下游队列异常\]$/gm;

let work: string;
let index: Daemon;
let venvBin: string;
let smi: string;
let audio: string;
let video: string;
let service: Service | null = null;
const timings: Record<string, number[]> = {};

function taskIdOf(job: JobResult): string | undefined {
  return /^\[([0-9a-f-]{36})\]/.exec(job.error ?? '')?.[1];
}

async function inputs(dir: string): Promise<void> {
  audio = path.join(dir, 'speech.wav');
  video = path.join(dir, 'face.mp4');
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=3',
    '-ac',
    '1',
    '-ar',
    '16000',
    audio,
  ]);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=duration=3:size=160x120:rate=25',
    '-pix_fmt',
    'yuv420p',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    video,
  ]);
}

beforeAll(async () => {
  work = tempDir('dh-payload-');
  const wheels = path.join(work, 'wheels');
  await Promise.all([buildWheels(wheels, ['1.16.0', '1.18.0']), inputs(work)]);
  index = await startIndex(wheels, path.join(work, 'index.log'));
  venvBin = await makeVenv(path.join(work, 'venv'));
  smi = makeGpu(work);
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await index?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('wheels and package index', () => {
  it('pip installs a version from the index, and refuses an unknown one as pip does', async () => {
    const ok = await pip(venvBin, ['install', 'onnxruntime-gpu==1.18.0', '-i', index.url]);
    expect(ok.code, ok.out).toBe(0);
    const show = await pip(venvBin, ['show', 'onnxruntime-gpu']);
    expect(show.out).toMatch(/^Name: onnxruntime-gpu$/m);
    expect(show.out).toMatch(/^Version: 1\.18\.0$/m);
    const bad = await pip(venvBin, ['install', 'onnxruntime-gpu==9.9.9', '-i', index.url]);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain('(from versions: 1.16.0, 1.18.0)');
    expect(bad.out).toContain('No matching distribution found for onnxruntime-gpu==9.9.9');
    expect(readText(path.join(work, 'index.log'))).toContain('GET /simple/onnxruntime-gpu/');
  }, 30_000);

  it('ships wheels whose RECORD matches their content', async () => {
    const whl = path.join(work, 'wheels', 'onnxruntime_gpu-1.16.0-py3-none-any.whl');
    const check = `
import base64, hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); bad = []
record = z.read('onnxruntime_gpu-1.16.0.dist-info/RECORD').decode().splitlines()
for line in record:
    name, digest, size = line.rsplit(',', 2)
    if not digest: continue
    data = z.read(name)
    want = 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    if want != digest or int(size) != len(data): bad.append(name)
print(len(record), bad, z.read('onnxruntime_gpu-1.16.0.dist-info/METADATA').decode().splitlines()[1])`;
    const { stdout } = await run('python3', ['-c', check, whl]);
    expect(stdout.trim()).toMatch(/^\d+ \[\] Name: onnxruntime-gpu$/);
  }, 15_000);
});

describe('onnxruntime stand-in', () => {
  const probe = `
import json, onnxruntime as ort
s = ort.InferenceSession(b"probe", providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
o = s.get_session_options()
print(json.dumps({"version": ort.__version__, "available": ort.get_available_providers(), "providers": s.get_providers(),
  "intra": o.intra_op_num_threads, "mode": str(o.execution_mode), "cuda": ort.capi.build_and_package_info.cuda_version}))`;

  it('1.18.0 cannot load CUDA with cuDNN 8: logs the real error and warning, runs on CPU', async () => {
    const { stdout, stderr } = await run(path.join(venvBin, 'python'), ['-c', probe], {
      env: serviceEnv(work),
    });
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      version: '1.18.0',
      providers: ['CPUExecutionProvider'],
      intra: 0,
      mode: 'ExecutionMode.ORT_SEQUENTIAL',
    });
    expect(out.available).toContain('CUDAExecutionProvider');
    expect(stderr).toMatch(
      /\[E:onnxruntime:Default, provider_bridge_ort\.cc:\d+ TryGetProviderInfo_CUDA\] .*Failed to load library libonnxruntime_providers_cuda\.so with error: libcudnn\.so\.9: cannot open shared object file: No such file or directory/,
    );
    expect(stderr).toMatch(
      /\[W:onnxruntime:Default, onnxruntime_pybind_state\.cc:\d+ CreateExecutionProviderInstance\] Failed to create CUDAExecutionProvider\./,
    );
  }, 15_000);

  it('requires providers, refuses unknown options, and a session without CUDA libraries present falls back', async () => {
    const script = `
import onnxruntime as ort
try: ort.InferenceSession(b"m")
except ValueError as e: print("providers-required" if "explicitly set the providers" in str(e) else e)
so = ort.SessionOptions()
try: so.not_an_option = 1
except AttributeError: print("attr-refused")
print(ort.InferenceSession(b"m", providers=["CUDAExecutionProvider"]).get_providers())`;
    const { stdout } = await run(path.join(venvBin, 'python'), ['-c', script], {
      env: { ...serviceEnv(work), LD_LIBRARY_PATH: '' },
    });
    expect(stdout.trim().split('\n')).toEqual([
      'providers-required',
      'attr-refused',
      "['CPUExecutionProvider']",
    ]);
  }, 15_000);
});

describe('the service, broken then remediated', () => {
  it('broken (ORT 1.18.0, 64 MB shm, batch 4): a job before the workers are ready dies with _queue.Empty; three at once block', async () => {
    const port = await freePort();
    service = await startService({ work, venvBin, shmMb: 64, batchSize: 4, port });
    const early = await runJob(
      await Client.connect(service.url, { events: ['data', 'status'] }),
      audio,
      video,
    );
    expect(early.ok).toBe(false);
    expect(readText(service.gradioLog)).toMatch(
      /File "trans_dh_service\.py", line \d+, in trans_dh_service\.TransDhTask\.work\n.*\n {4}raise Empty\n_queue\.Empty/,
    );
    expect(readText(service.dhLog)).toContain(`[[${taskIdOf(early)}]任务执行失败，异常信息:[]]`);

    await waitWorkersReady(service);
    const jobs = await runConcurrentJobs(service.url, 3, audio, video);
    timings.broken = jobs.map((j) => j.totalMs);
    expect(jobs.map((j) => j.ok)).toEqual([false, false, false]);
    for (const j of jobs) expect(j.stages).toContain('process_starts');
    const blocked = [...readText(service.dhLog).matchAll(QUEUE_FULL_LINE)].map((m) => m[1]);
    expect(new Set(blocked)).toEqual(new Set(jobs.map(taskIdOf)));
    expect(Math.max(...timings.broken)).toBeLessThan(15_000);
    const log = readText(service.gradioLog);
    expect(log).toContain('Failed to create CUDAExecutionProvider');
    expect(log).toMatch(/OSError: \[Errno 28\] No space left on device: '.*\/psm_[0-9a-f]+'/);
    expect(
      await nvidiaSmi(smi, ['--query-compute-apps=pid,used_memory', '--format=csv,noheader']),
    ).toBe('');
    expect(fs.readdirSync(service.shmDir)).toEqual([]); // buffers are released when tasks end
    await service.stop();
    service = null;
  }, 60_000);

  it('remediated (ORT 1.16.0, session-options hook, 2 GB shm, batch 1, restarted): three at once succeed, faster, on the GPU', async () => {
    expect((await pip(venvBin, ['uninstall', '-y', 'onnxruntime-gpu'])).code).toBe(0);
    const pin = await pip(venvBin, ['install', 'onnxruntime-gpu==1.16.0', '-i', index.url]);
    expect(pin.code, pin.out).toBe(0);
    const { stdout: site } = await run(path.join(venvBin, 'python'), [
      '-c',
      'import sysconfig; print(sysconfig.get_paths()["purelib"])',
    ]);
    // the hook from a copy: Python writes __pycache__ next to it, and the payload tree must stay as committed
    const hookDir = path.join(work, 'dh-lab');
    fs.mkdirSync(hookDir, { recursive: true });
    fs.copyFileSync(
      path.join(PAYLOAD, 'rootfs/usr/local/lib/dh-lab/ort_session_defaults.py'),
      path.join(hookDir, 'ort_session_defaults.py'),
    );
    fs.writeFileSync(
      path.join(site.trim(), 'dh-lab-ort-defaults.pth'),
      `${hookDir}\nimport ort_session_defaults\n`,
    );

    const port = await freePort();
    service = await startService({ work, venvBin, shmMb: 2048, batchSize: 1, port });
    await waitWorkersReady(service, 3, 15_000);
    const samples: string[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push(
          await nvidiaSmi(smi, [
            '--query-gpu=utilization.gpu,memory.used',
            '--format=csv,noheader,nounits',
          ]),
        );
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const jobs = await runConcurrentJobs(service.url, 3, audio, video).finally(() => {
      sampling = false;
    });
    await sampler;
    timings.fixed = jobs.map((j) => j.totalMs);
    expect(jobs.map((j) => j.error)).toEqual([null, null, null]);
    for (const j of jobs) {
      expect(j.stages).toEqual(
        expect.arrayContaining(['estimation', 'process_starts', 'complete']),
      );
      const body = Buffer.from(await (await fetch(j.video!.url)).arrayBuffer());
      expect(body.equals(fs.readFileSync(video))).toBe(true);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(timings.fixed)).toBeLessThan(0.6 * mean(timings.broken!));
    expect(
      readText(service.dhLog).slice(readText(service.dhLog).lastIndexOf('TransDhTask init')),
    ).not.toContain('任务视频驱动队列满');
    expect(Math.max(...samples.map((s) => Number(s.split(',')[0])))).toBeGreaterThan(0);

    const apps = await nvidiaSmi(smi, [
      '--query-compute-apps=pid,process_name,used_memory',
      '--format=csv',
    ]);
    const [header, ...rows] = apps.trim().split('\n');
    expect(header).toBe('pid, process_name, used_gpu_memory [MiB]');
    // One row per worker process holding a CUDA context: up to three, fewer when a loaded machine let a worker take
    // a second job after finishing its first.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const row of rows) {
      const [pid, , mem] = row!.split(', ');
      expect(mem).toMatch(/^\d+ MiB$/);
      expect(readText(`/proc/${pid}/status`)).toMatch(
        new RegExp(`^PPid:\\s+${service.child.pid}$`, 'm'),
      );
    }
    const gpu = await nvidiaSmi(smi, [
      '--query-gpu=index,name,utilization.gpu,memory.used,memory.total',
      '--format=csv',
    ]);
    expect(gpu).toMatch(
      /^index, name, utilization\.gpu \[%\], memory\.used \[MiB\], memory\.total \[MiB\]\n0, NVIDIA A10, \d+ %, \d+ MiB, 24564 MiB\n$/,
    );
    console.info(
      `lab payload timings (ms): broken ${timings.broken} / remediated ${timings.fixed}`,
    );
  }, 60_000);

  it('serves three concurrent predict() calls of one client over its one event stream', async () => {
    const client = await Client.connect(service!.url);
    try {
      const results = await Promise.all(
        [0, 1, 2].map(() => client.predict('/predict', [handle_file(audio), handle_file(video)])),
      );
      for (const r of results)
        expect((r.data as Array<{ video: { url: string } }>)[0]!.video.url).toMatch(
          /\/file=.*-r\.mp4$/,
        );
    } finally {
      client.close();
    }
  }, 30_000);

  it('answers 503 "Queue is full." past 3 running + 5 waiting', async () => {
    const svc = service!;
    const form = new FormData();
    form.append('files', new Blob([fs.readFileSync(video)]), 'face.mp4');
    form.append('files', new Blob([fs.readFileSync(audio)]), 'speech.wav');
    const [v, a] = (await (
      await fetch(`${svc.url}/upload`, { method: 'POST', body: form })
    ).json()) as string[];
    const file = (p: string) => ({ path: p, meta: { _type: 'gradio.FileData' } });
    const body = JSON.stringify({
      data: [file(a!), file(v!)],
      fn_index: 0,
      session_hash: 'flood',
      event_data: null,
      trigger_id: null,
    });
    const join = async () => {
      const res = await fetch(`${svc.url}/queue/join`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
      });
      if (res.status === 503) expect(await res.json()).toEqual({ detail: 'Queue is full.' });
      return res.status;
    };
    const statuses = [await join(), await join(), await join()];
    // the three start (they leave the waiting queue) before the next five fill it
    await waitFor(
      'three running tasks',
      async () =>
        (await (await fetch(`${svc.url}/queue/status`)).json()).queue_size === 0 || undefined,
      5_000,
    );
    for (let i = 0; i < 6; i++) statuses.push(await join());
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 503]);
  }, 30_000);
});

// The "Done when", by hand: three concurrent jobs block a broken container (queue-full line, failures); the
// six manual fixes of DOMAIN.md with plain docker/pip/shell commands; the same jobs then all succeed, faster, and
// nvidia-smi (over SSH) shows the GPU busy with one of that container's processes. On a scratch container.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, handle_file } from '@gradio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HostStatus,
  createServiceContainer,
  inHost,
  labHost,
  removeContainer,
} from '../helpers/lab';
import { connect, exec } from '../helpers/ssh';
import { waitServing } from './fleet';
import { runningConfig } from './lab';
import { hostByName } from './config';

const execFileP = promisify(execFile);
const HOST = 'h1';
const NAME = 'labtest-digital-human-service-1';
const OLD = `${NAME}-old`;
const FIXED_IMAGE = 'dh-lab/labtest-fixed:1';
const PORT = 7870;
const QUEUE_FULL = '任务视频驱动队列满，严重阻塞，下游队列异常';
const ACTIVATE = '. /opt/conda/etc/profile.d/conda.sh && conda activate human';
const APP_DIR = '/app/HeyGem-Linux-Python-Hack';

let host: HostStatus;
let dir: string;
let audio: string;
let video: string;

interface JobResult {
  ok: boolean;
  ms: number;
  error?: string;
  url?: string;
}

async function mustInHost(argv: string[]): Promise<string> {
  const r = await inHost(HOST, argv, { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

const dockerExec = (script: string, ...args: string[]) =>
  mustInHost(['docker', 'exec', NAME, 'bash', '-c', script, 'bash', ...args]);

async function serviceLog(): Promise<string> {
  return dockerExec(`cat ${APP_DIR}/log/dh.log /tmp/gradio.log 2>/dev/null || true`);
}

async function runJobs(n: number): Promise<JobResult[]> {
  const client = await Client.connect(`http://${host.address}:${PORT}/`);
  return Promise.all(
    Array.from({ length: n }, async () => {
      const t0 = Date.now();
      try {
        const r = await client.predict('/predict', [handle_file(audio), handle_file(video)]);
        const out = (r.data as Array<{ url?: string; video?: { url?: string } }>)[0];
        return { ok: true, ms: Date.now() - t0, url: out?.video?.url ?? out?.url };
      } catch (err) {
        const e = err as { message?: string };
        return { ok: false, ms: Date.now() - t0, error: e.message ?? JSON.stringify(err) };
      }
    }),
  );
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

beforeAll(async () => {
  host = await labHost(HOST);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-lab-inputs-'));
  audio = path.join(dir, 'voice.wav');
  video = path.join(dir, 'face.mp4');
  const ff = ['-hide_banner', '-loglevel', 'error', '-y'];
  await execFileP('ffmpeg', [
    ...ff,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=220:duration=4',
    '-ar',
    '16000',
    '-ac',
    '1',
    audio,
  ]);
  await execFileP('ffmpeg', [
    ...ff,
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=25:duration=4',
    '-pix_fmt',
    'yuv420p',
    '-c:v',
    'libx264',
    video,
  ]);
  await removeContainer(HOST, OLD);
  await createServiceContainer(HOST, { name: NAME, port: PORT, state: 'broken' });
});

afterAll(async () => {
  await removeContainer(HOST, NAME);
  await removeContainer(HOST, OLD);
  await inHost(HOST, ['docker', 'rmi', '-f', FIXED_IMAGE]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('queue blocking on a broken container, and the manual fix', () => {
  let alone: JobResult;

  it('one job alone succeeds, slowly; three concurrent jobs: the queue-full line in the log, and failures', async () => {
    [alone] = (await runJobs(1)) as [JobResult];
    expect(alone.ok, JSON.stringify(alone)).toBe(true);
    const before = await runJobs(3);
    expect(before.filter((j) => !j.ok).length, JSON.stringify(before)).toBeGreaterThan(0);
    expect(await serviceLog()).toContain(QUEUE_FULL);
  });

  it('the six fixes of DOMAIN.md, by hand', async () => {
    // 1. Pin onnxruntime-gpu 1.16.0 in the human env, from the host's index.
    await dockerExec(
      `${ACTIVATE} && pip uninstall -y onnxruntime-gpu && pip install onnxruntime-gpu==1.16.0 -i http://127.0.0.1:3141/simple/`,
    );
    expect(await dockerExec(`${ACTIVATE} && pip show onnxruntime-gpu`)).toMatch(
      /^Version: 1\.16\.0$/m,
    );
    // 3. Session options for every InferenceSession: a start-up hook (.pth) in the env.
    await dockerExec(
      `${ACTIVATE} && sp=$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') && printf '%s\\n' /usr/local/lib/dh-lab 'import ort_session_defaults' > "$sp/dh_lab_ort_defaults.pth"`,
    );
    expect(
      await dockerExec(
        `${ACTIVATE} && python -c 'import onnxruntime as o; s=o.InferenceSession("${APP_DIR}/models/dinet_v1_20240131.onnx"); print(s.get_session_options().intra_op_num_threads)'`,
      ),
    ).toMatch(/^1$/m);
    // 5. batch_size = 1.
    await dockerExec(
      `sed -i 's/^\\(batch_size[[:space:]]*=[[:space:]]*\\).*$/\\11/' ${APP_DIR}/config/config.ini`,
    );
    expect(await dockerExec(`grep '^batch_size' ${APP_DIR}/config/config.ini`)).toMatch(
      /^batch_size = 1$/m,
    );
    // 4. --shm-size=2g: commit, keep the old one stopped, re-create with the same configuration.
    //    2. ORT_PARALLEL=0, OMP_WAIT_POLICY=ACTIVE in the new container's environment.
    const inspect = JSON.parse(await mustInHost(['docker', 'inspect', NAME]))[0] as {
      Config: { Env: string[]; Labels: Record<string, string> };
      HostConfig: { Binds: string[]; RestartPolicy: { Name: string }; ShmSize: number };
    };
    expect(inspect.HostConfig.ShmSize).toBe(64 * 1024 * 1024);
    await mustInHost(['docker', 'commit', NAME, FIXED_IMAGE]);
    await mustInHost(['docker', 'stop', NAME]);
    await mustInHost(['docker', 'rename', NAME, OLD]);
    const env = [
      ...inspect.Config.Env.filter((e) => !/^(PATH|ORT_PARALLEL|OMP_WAIT_POLICY)=/.test(e)),
      'ORT_PARALLEL=0',
      'OMP_WAIT_POLICY=ACTIVE',
    ];
    await mustInHost([
      'docker',
      'run',
      '-d',
      '--name',
      NAME,
      '--network',
      'host',
      '--shm-size',
      '2g',
      '--restart',
      inspect.HostConfig.RestartPolicy.Name,
      ...env.flatMap((e) => ['-e', e]),
      ...inspect.HostConfig.Binds.flatMap((b) => ['-v', b]),
      ...Object.entries(inspect.Config.Labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
      FIXED_IMAGE,
    ]);
    expect(await dockerExec('df -k /dev/shm | tail -1')).toMatch(/\s2097152\s/);
    // 6. Restart the service: stop python app.py by its PID, start it again the same way.
    const hostCfg = hostByName(runningConfig(), HOST);
    await waitServing(hostCfg, PORT);
    const pid = (await dockerExec("pgrep -f '^python app.py'")).trim().split('\n')[0]!;
    await dockerExec('kill "$1" && while kill -0 "$1" 2>/dev/null; do sleep 0.1; done', pid);
    await mustInHost([
      'docker',
      'exec',
      '-d',
      NAME,
      'bash',
      '-c',
      `${ACTIVATE} && cd ${APP_DIR} && nohup python app.py > /tmp/gradio.log 2>&1 &`,
    ]);
    await waitServing(hostCfg, PORT);
    const newPid = (await dockerExec("pgrep -f '^python app.py'")).trim().split('\n')[0]!;
    expect(newPid).not.toBe(pid);
    expect(await dockerExec('tr "\\0" "\\n" < /proc/"$1"/environ', newPid)).toMatch(
      /^ORT_PARALLEL=0$/m,
    );
  });

  it('the same jobs then all succeed, faster, with the GPU busy for this container', async () => {
    const queueFullBefore = count(await serviceLog(), QUEUE_FULL);
    const c = await connect(host, host.fingerprint);
    const util: number[] = [];
    const gpuPids = new Set<number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const g = await exec(
          c,
          'nvidia-smi --query-gpu=utilization.gpu --format=csv,noheader,nounits',
        );
        util.push(...g.stdout.split('\n').filter(Boolean).map(Number));
        const a = await exec(
          c,
          'nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits',
        );
        for (const line of a.stdout.split('\n').filter(Boolean))
          gpuPids.add(Number(line.split(',')[0]));
      }
    })();
    const after = await runJobs(3).finally(() => (sampling = false));
    await sampler;
    c.end();
    expect(
      after.map((j) => j.ok),
      JSON.stringify(after),
    ).toEqual([true, true, true]);
    // Markedly faster: the three jobs together took less than 1.5 jobs' time on the broken container (≥ 2x throughput).
    const wall = Math.max(...after.map((j) => j.ms));
    expect(wall / 3, `${JSON.stringify(after)} vs ${alone.ms} ms alone before`).toBeLessThan(
      alone.ms / 2,
    );
    const res = await fetch(after[0]!.url!);
    expect(res.ok).toBe(true);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe('ftyp');
    expect(Math.max(...util)).toBeGreaterThan(0);
    const top = await mustInHost(['docker', 'top', NAME, '-eo', 'pid']);
    const containerPids = new Set(top.split('\n').slice(1).filter(Boolean).map(Number));
    expect(
      [...gpuPids].some((p) => containerPids.has(p)),
      `GPU pids ${[...gpuPids]} / container ${[...containerPids]}`,
    ).toBe(true);
    expect(count(await serviceLog(), QUEUE_FULL), 'no new queue-full line').toBe(queueFullBefore);
  });
});

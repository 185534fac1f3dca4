// probeHostGpu against the lab's nvidia-smi stand-in (test/lab/payload/nvidia-smi), run as a host command would be
// over SSH: through a shell, so a missing program exits 127 exactly as it does on a host without a GPU driver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { probeHostGpu } from '@/lib/probes/gpu';
import type { ExecOutcome, ProbeTransport } from '@/lib/probes/transport';

const root = path.resolve(__dirname, '../../..');
let dir: string;

function hostShell(pathDirs: string[]): ProbeTransport {
  const execOnHost = (_host: string, argv: string[]) =>
    new Promise<ExecOutcome>((resolve) => {
      execFile(
        '/bin/sh',
        ['-c', 'exec "$@"', 'sh', ...argv],
        { env: { PATH: pathDirs.join(':') } as unknown as NodeJS.ProcessEnv },
        (err, stdout, stderr) =>
          resolve({
            code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
            stdout,
            stderr,
          }),
      );
    });
  const none = () => Promise.reject(new Error('not used here'));
  return { execOnHost, listServiceContainers: none, inspect: none, execInContainer: none };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dh-gpu-'));
  await mkdir(path.join(dir, 'bin'));
  await mkdir(path.join(dir, 'gpu/ctx'), { recursive: true });
  await writeFile(path.join(dir, 'gpu/nvidia0'), '');
  await copyFile(path.join(root, 'test/lab/payload/nvidia-smi'), path.join(dir, 'bin/nvidia-smi'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('host GPU probe', () => {
  it('reads devices from nvidia-smi in the real csv,noheader,nounits format', async () => {
    const gpu = await probeHostGpu(
      hostShell([path.join(dir, 'bin'), '/usr/bin', '/bin']),
      'h',
      10_000,
    );
    expect(gpu.available).toBe(true);
    if (!gpu.available) return;
    expect(gpu.devices).toHaveLength(1);
    expect(gpu.devices[0]).toMatchObject({
      index: 0,
      name: 'NVIDIA A10',
      utilPct: 0,
      memTotalMiB: 24564,
    });
    expect(gpu.devices[0]!.uuid).toMatch(/^GPU-[0-9a-f-]+$/);
    expect(gpu.processes).toEqual([]);
  });

  it('says "no GPU data" on a host without nvidia-smi, without failing', async () => {
    await mkdir(path.join(dir, 'empty'), { recursive: true });
    await expect(probeHostGpu(hostShell([path.join(dir, 'empty')]), 'h', 10_000)).resolves.toEqual({
      available: false,
      reason: 'no nvidia-smi',
    });
  });
});

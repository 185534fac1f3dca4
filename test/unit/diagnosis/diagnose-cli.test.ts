import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { SIGNATURE_IDS } from '@/lib/diagnosis/signatures';
import {
  ORT_FALLBACK_WARNING,
  QUEUE_FULL_MSG,
  UUID,
  compose,
  heygem,
  queueEmptyTraceback,
} from './real-lines';

const root = path.resolve(__dirname, '../../..');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

function dhc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, path.join(root, 'cli/dhc.ts'), ...args],
      { cwd: root, env: { ...process.env, LANG: 'C' } },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let broken: string;
let clean: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dh-cli-'));
  broken = path.join(dir, 'customer dh.log');
  clean = path.join(dir, 'gradio.log');
  const lines = [
    compose(heygem('2025-03-23 23:13:34', '1002', QUEUE_FULL_MSG, 'ERROR')),
    compose(heygem('2025-03-23 23:15:01', UUID, QUEUE_FULL_MSG, 'ERROR')),
    ORT_FALLBACK_WARNING,
    ...queueEmptyTraceback('1003'),
  ];
  await writeFile(broken, lines.join('\r\n') + '\r\n');
  await writeFile(clean, `${heygem('2025-03-23 23:00:00', '1', '任务执行成功')}\n`);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('dhc diagnose', () => {
  it('--json prints every signature for every file, with counts, task ids and times', async () => {
    const r = await dhc(['diagnose', broken, clean, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      files: { file: string; signatures: Record<string, unknown> }[];
    };
    expect(out.files.map((f) => f.file)).toEqual([broken, clean]);
    for (const f of out.files) expect(Object.keys(f.signatures)).toEqual([...SIGNATURE_IDS]);
    expect(out.files[0]!.signatures.queue_full).toEqual({
      count: 2,
      taskIds: ['1002', UUID],
      first: '2025-03-23 23:13:34',
      last: '2025-03-23 23:15:01',
    });
    expect(out.files[0]!.signatures.queue_empty).toEqual({
      count: 1,
      taskIds: ['1003'],
      first: '2025-03-19 22:37:14',
      last: '2025-03-19 22:37:14',
    });
    expect(out.files[0]!.signatures.cuda_provider_fallback).toMatchObject({
      count: 1,
      taskIds: [],
    });
    expect(out.files[1]!.signatures.queue_full).toEqual({
      count: 0,
      taskIds: [],
      first: null,
      last: null,
    });
  });

  it('prints counts and the ranked diagnosis for people, in Chinese on request', async () => {
    const r = await dhc(['diagnose', broken, '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/queue_full\s+2 /);
    expect(r.stdout).toContain('队列阻塞');
    expect(r.stdout).toContain('pin-ort');
  });

  it('fails clearly on a missing file', async () => {
    const r = await dhc(['diagnose', path.join(dir, 'nope.log'), '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`cannot read '${path.join(dir, 'nope.log')}': no such file`);
    expect(r.stdout).toBe('');
  });
});

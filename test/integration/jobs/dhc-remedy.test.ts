// `dhc remedy` and `dhc runbook` as support staff type them: the preview changes nothing, --yes runs and streams,
// the exit status says whether the job verified, --undo puts the earlier state back, bad input exits 2 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_INI } from '@/lib/remedies/modules/batch-size';
import { createServiceContainer, inHost, removeContainer } from '../../helpers/lab';
import { labConsole, type LabConsole } from '../../helpers/remedy';
import { dhc } from '../core/run-dhc';

const NAME = 'rx-j-3';
let lc: LabConsole;
const batch = async () =>
  /batch_size = (\d+)/.exec(
    (await inHost('h2', ['docker', 'exec', NAME, 'cat', CONFIG_INI])).stdout,
  )?.[1];

beforeAll(async () => {
  lc = await labConsole();
  await createServiceContainer('h2', { name: NAME, port: 7903, state: 'broken' });
}, 300_000);

afterAll(async () => {
  lc?.dispose();
  await removeContainer('h2', NAME).catch(() => undefined);
});

describe('dhc probe', () => {
  it("prints one container's probe values and ranked findings", async () => {
    const json = await dhc(['probe', `h2/${NAME}`, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as {
      facts: { ortVersion: string; batchSize: number; shmBytes: number };
      diagnosis: { findings: { id: string }[] };
    };
    expect(r.facts).toMatchObject({
      ortVersion: '1.18.0',
      batchSize: 4,
      shmBytes: 64 * 1024 * 1024,
    });
    expect(r.diagnosis.findings.map((f) => f.id)).toContain('cpu_fallback');
    const text = await dhc(['probe', `h2/${NAME}`, '--lang', 'en']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/onnxruntime-gpu 1\.18\.0; session providers CPUExecutionProvider/);
    expect(text.stdout).toMatch(/1\. \[critical\] ONNX Runtime falls back to the CPU/);
    expect((await dhc(['probe', 'h2/no-such-container'])).code).toBe(1);
  }, 120_000);
});

describe('dhc remedy / dhc runbook', () => {
  it('without --yes prints the plan and changes nothing', async () => {
    const r = await dhc(['remedy', 'batch-size', `h2/${NAME}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('+batch_size = 1');
    expect(r.stdout).toContain('nothing was changed');
    expect(await batch()).toBe('4');
    const plan = await dhc(['runbook', 'fix-queue-blocking', `h2/${NAME}`, '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const parts = (
      JSON.parse(plan.stdout) as { plan: { parts: { remedy: string }[] } }
    ).plan.parts.map((p) => p.remedy);
    expect(parts).toEqual([
      'pin-ort',
      'ort-env',
      'session-options',
      'shm',
      'batch-size',
      'restart',
    ]);
  }, 120_000);

  it('bad input exits 2 naming the option; an unknown container exits 1', async () => {
    const bad = await dhc(['remedy', 'batch-size', `h2/${NAME}`, '--batch-size', 'abc', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/batchSize: must be a whole number/);
    // The older flag name still works.
    const older = await dhc(['remedy', 'batch-size', `h2/${NAME}`, '--value', 'abc', '--yes']);
    expect(older.code).toBe(2);
    expect(older.stderr).toMatch(/batchSize: must be a whole number/);
    const version = await dhc(['remedy', 'pin-ort', `h2/${NAME}`, '--version', '1.16.0; rm -rf /']);
    expect(version.code).toBe(2);
    expect(version.stderr).toMatch(/version: must be a PEP 440/);
    const missing = await dhc(['remedy', 'restart', 'h2/no-such-container', '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/not found/);
    expect(await batch()).toBe('4');
  }, 120_000);

  it('--yes runs and streams, exit 0 when verified; --undo restores', async () => {
    const run = await dhc(['remedy', 'batch-size', `h2/${NAME}`, '--yes']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    // Progress as plain lines when stdout is not a terminal: no colour codes in a log file.
    expect(run.stdout).toMatch(/^\[1\/2\] Back up config\.ini/m);
    expect(run.stdout).toMatch(/^ {2}done in \d+\.\d s$/m);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toMatch(/job j-\S+: succeeded/);
    expect(await batch()).toBe('1');
    const undo = await dhc(['remedy', 'batch-size', `h2/${NAME}`, '--undo', '--yes', '--json']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(
      (JSON.parse(undo.stdout) as { job: { status: string; kind: string } }).job,
    ).toMatchObject({ status: 'succeeded', kind: 'undo' });
    expect(await batch()).toBe('4');
  }, 120_000);
});

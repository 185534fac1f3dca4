// pin-ort and session-options on a scratch broken lab container, run as the jobs engine runs them. Effects are read
// back independently (pip show / files via docker exec) and through the console's own probe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { pinOrt } from '@/lib/remedies/modules/pin-ort';
import { sessionOptions } from '@/lib/remedies/modules/session-options';
import { DEFAULT_REMEDY_DEFAULTS } from '@/lib/remedies/settings';
import { createServiceContainer, inHost, removeContainer } from '../../helpers/lab';
import {
  applyRemedy,
  contextFor,
  labConsole,
  undoRemedy,
  type LabConsole,
} from '../../helpers/remedy';

const NAME = 'rx-m-2';
const PORT = 7912;
const PIN = pinOrt;
let lc: LabConsole;
let target: { hostId: string; container: string };

const pipVersion = async () =>
  /^Version: (.+)$/m.exec(
    (
      await inHost('h1', [
        'docker',
        'exec',
        NAME,
        '/opt/conda/envs/human/bin/pip',
        'show',
        'onnxruntime-gpu',
      ])
    ).stdout,
  )?.[1] ?? null;
const imports = async () =>
  (
    await inHost('h1', [
      'docker',
      'exec',
      NAME,
      '/opt/conda/envs/human/bin/python',
      '-c',
      'import onnxruntime',
    ])
  ).code === 0;

beforeAll(async () => {
  lc = await labConsole();
  target = { hostId: lc.hosts.get('h1')!.id, container: NAME };
  await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
}, 300_000);

afterAll(async () => {
  lc?.dispose();
  await removeContainer('h1', NAME).catch(() => undefined);
});

describe('pin-ort', () => {
  it('an unreachable index or a version that does not exist fails before anything changes', async () => {
    const defaults = { ...DEFAULT_REMEDY_DEFAULTS, allowedIndexHosts: ['127.0.0.1:9'] };
    const unreachable = await applyRemedy(
      PIN,
      target,
      { indexUrl: 'http://127.0.0.1:9/simple/' },
      defaults,
    );
    expect(unreachable.outcome.ok).toBe(false);
    if (!unreachable.outcome.ok) expect(unreachable.outcome.failedIndex).toBe(0);
    expect(await pipVersion()).toBe('1.18.0');
    expect(unreachable.plan.notices.map((n) => renderText(n.text, 'en')).join('\n')).toContain(
      'Could not list the versions on http://127.0.0.1:9/simple/',
    );
    const missing = await applyRemedy(PIN, target, { version: '1.16.9' });
    expect(missing.outcome.ok).toBe(false);
    // Named as missing (and the job engine refuses to run a plan with a blocking notice), with the versions near it.
    expect(missing.plan.notices.map((n) => [n.level, renderText(n.text, 'en')])).toEqual([
      [
        'block',
        "onnxruntime-gpu 1.16.9 is not on the env's own index. Versions there nearest to it: 1.16.0, 1.16.3, 1.17.1, 1.18.0, 1.18.1.",
      ],
    ]);
    const far = await PIN.prepare(
      contextFor(target, []),
      PIN.params({ version: '9.9.9' }, DEFAULT_REMEDY_DEFAULTS),
      DEFAULT_REMEDY_DEFAULTS,
    );
    // Said first and alone: no remark about CUDA/cuDNN builds of a version that is not there.
    expect(far.plan.notices.map((n) => renderText(n.text, 'en'))).toEqual([
      "onnxruntime-gpu 9.9.9 is not on the env's own index. Versions there nearest to it: 1.16.3, 1.17.1, 1.18.0, 1.18.1, 1.19.2.",
    ]);
    expect(await pipVersion()).toBe('1.18.0');
    expect(await imports()).toBe(true);
  }, 300_000);

  it('a failure after the uninstall restores the previous version offline', async () => {
    const log: string[] = [];
    const { contextFor } = await import('../../helpers/remedy');
    const { runSteps } = await import('@/lib/remedies/run-steps');
    const ctx = contextFor(target, log);
    const prepared = await PIN.prepare(
      ctx,
      PIN.params({}, DEFAULT_REMEDY_DEFAULTS),
      DEFAULT_REMEDY_DEFAULTS,
    );
    const uninstall = prepared.steps.findIndex((s) => s.id === 'uninstall');
    const outcome = await runSteps(ctx, prepared.steps, {
      before: (i) => {
        if (i === uninstall + 1) throw new Error('the SSH connection dropped (simulated)');
      },
    });
    expect(outcome).toMatchObject({ ok: false, rolledBack: true });
    expect(await pipVersion()).toBe('1.18.0');
    expect(await imports()).toBe(true);
  }, 300_000);

  it('pins 1.16.0 (sessions get CUDA), a second run changes nothing, undo puts 1.18.0 back', async () => {
    const run = await applyRemedy(PIN, target);
    expect(run.outcome.ok, run.log.join('\n')).toBe(true);
    expect(run.verification?.ok, JSON.stringify(run.verification)).toBe(true);
    expect(renderText(run.verification?.detail, 'en')).toContain('CUDAExecutionProvider');
    expect(await pipVersion()).toBe('1.16.0');
    expect((await applyRemedy(PIN, target)).plan.alreadyApplied).toBe(true);
    const undo = await undoRemedy(PIN, target, run.plan.undo);
    expect(undo.outcome.ok, undo.log.join('\n')).toBe(true);
    expect(await pipVersion()).toBe('1.18.0');
  }, 300_000);

  it("warns before pinning a version whose PyPI build does not match the container's CUDA/cuDNN", async () => {
    const { contextFor } = await import('../../helpers/remedy');
    const ctx = contextFor(target);
    const plan = (
      await PIN.prepare(
        ctx,
        PIN.params({ version: '1.19.2' }, DEFAULT_REMEDY_DEFAULTS),
        DEFAULT_REMEDY_DEFAULTS,
      )
    ).plan;
    const said = (level: string) =>
      renderText(plan.notices.find((n) => n.level === level)?.text, 'en');
    expect(said('warn')).toMatch(/built for other CUDA\/cuDNN/);
    expect(said('info')).toMatch(/fall back to the CPU/);
    expect(await pipVersion()).toBe('1.18.0');
  }, 300_000);
});

describe('session-options', () => {
  it('installs the hook; a new session gets the configured options; twice changes nothing; undo removes it', async () => {
    const run = await applyRemedy(sessionOptions, target);
    expect(run.outcome.ok, run.log.join('\n')).toBe(true);
    expect(run.verification?.ok, JSON.stringify(run.verification)).toBe(true);
    const site = '/opt/conda/envs/human/lib/python3.11/site-packages';
    const ls = (
      await inHost('h1', ['docker', 'exec', NAME, 'sh', '-c', `ls ${site} | grep dh_console`])
    ).stdout;
    expect(ls).toMatch(/dh_console_session_options\.pth/);
    expect((await applyRemedy(sessionOptions, target)).plan.alreadyApplied).toBe(true);
    const undo = await undoRemedy(sessionOptions, target, run.plan.undo);
    expect(undo.outcome.ok).toBe(true);
    expect(
      (
        await inHost('h1', [
          'docker',
          'exec',
          NAME,
          'sh',
          '-c',
          `ls ${site} | grep dh_console || true`,
        ])
      ).stdout.trim(),
    ).toBe('');
  }, 300_000);
});

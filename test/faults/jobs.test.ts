// Faults around jobs on a lab container: cancel mid-step, and the console process killed with SIGKILL mid-job and
// started again (the job is reconciled as interrupted with the way out, the lock freed, the remedy re-runnable).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { renderText } from '@/lib/i18n/text';
import { startBatch } from '@/lib/jobs/batch';
import { lockHolder } from '@/lib/locks/container-lock';
import { reconcileJobs } from '@/lib/jobs/reconcile';
import { cancelJob, getJob, listJobs, startJob } from '@/lib/jobs/service';
import { eventsAfter, getJobRow } from '@/lib/jobs/store';
import { createServiceContainer, inHost, removeContainer } from '../helpers/lab';
import { waitFor } from '../helpers/wait';
import { labConsole, type LabConsole } from '../helpers/remedy';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '../..');
const NAME = 'rx-j-2';
const PORT = 7902;
let lc: LabConsole;
let hostId = '';

beforeAll(async () => {
  lc = await labConsole();
  hostId = lc.hosts.get('h2')!.id;
  await createServiceContainer('h2', { name: NAME, port: PORT, state: 'broken' });
}, 300_000);

afterAll(async () => {
  lc?.dispose();
  await removeContainer('h2', NAME).catch(() => undefined);
});

const ortVersion = async () =>
  (
    await inHost('h2', [
      'docker',
      'exec',
      NAME,
      '/opt/conda/envs/human/bin/python',
      '-c',
      'import onnxruntime; print(onnxruntime.__version__)',
    ])
  ).stdout.trim();
const servicePids = async () =>
  (await inHost('h2', ['docker', 'exec', NAME, 'pgrep', '-f', 'python app.py'])).stdout
    .trim()
    .split('\n')
    .filter(Boolean);
const answers = async () => {
  const h2 = lc.lab.hosts.find((h) => h.name === 'h2')!;
  return fetch(`http://${h2.address}:${PORT}/config`, { signal: AbortSignal.timeout(5_000) }).then(
    (r) => r.ok,
    () => false,
  );
};

/** Runs `dhc ARGS` as a console process of its own and kills it with SIGKILL once its job's events satisfy `when`. */
async function killConsoleDuring(
  args: string[],
  when: (events: Awaited<ReturnType<typeof eventsAfter>>) => boolean,
) {
  const log = fs.openSync(path.join(lc.dataDir, 'dhc-child.log'), 'w');
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(root, 'cli/dhc.ts'), ...args],
    { cwd: root, env: process.env, stdio: ['ignore', log, log] },
  );
  try {
    const running = await waitFor(
      `the CLI job (${args.join(' ')}) to reach the point`,
      120_000,
      async () => {
        const j = (await listJobs(CLI_ADMIN, { hostId, container: NAME, status: 'running' }))[0];
        return j && when(await eventsAfter(j.id, 0)) ? j : null;
      },
    );
    // The console process itself (tsx runs the CLI in a child of its own): the job's owner PID.
    const ownerPid = Number(/:(\d+)$/.exec((await getJobRow(running.id))!.owner)![1]);
    expect(ownerPid).not.toBe(process.pid);
    process.kill(ownerPid, 'SIGKILL');
    await waitFor('the killed process to be gone', 10_000, async () => {
      try {
        process.kill(ownerPid, 0);
        return false;
      } catch {
        return true;
      }
    });
    return running;
  } finally {
    child.kill('SIGKILL');
    fs.closeSync(log);
  }
}

describe('job faults', () => {
  it('cancel during a step: the job says cancelled, the lock is free, the remedy can run again', async () => {
    const { job, done } = await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'restart' });
    await waitFor('the first step', 30_000, async () =>
      (await eventsAfter(job.id, 0)).some((e) => e.type === 'step'),
    );
    await cancelJob(CLI_ADMIN, job.id);
    const final = await done;
    expect(final.status).toBe('cancelled');
    expect(await lockHolder(hostId, NAME)).toBeNull();
    const again = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'restart' }))
      .done;
    expect(again.status, again.error ?? '').toBe('succeeded');
    expect(await answers()).toBe(true);
  }, 300_000);

  it('the console killed with SIGKILL mid-job: on restart the job is interrupted with the way out, and re-running finishes it', async () => {
    const running = await killConsoleDuring(
      ['remedy', 'restart', `h2/${NAME}`, '--yes'],
      (events) => events.some((e) => e.type === 'step'),
    );

    expect(await reconcileJobs()).toContain(running.id);
    const j = await getJob(CLI_ADMIN, running.id);
    expect(j.status).toBe('interrupted');
    expect(j.error).toMatch(/interrupted/);
    expect(renderText(j.result?.restoreHint, 'en')).toMatch(/Run the same remedy again/);
    expect(renderText(j.result?.restoreHint, 'en')).toMatch(/Step 1 .* was under way/);
    expect(await lockHolder(hostId, NAME)).toBeNull();

    const fixed = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'restart' }))
      .done;
    expect(fixed.status, fixed.error ?? '').toBe('succeeded');
    expect(await answers()).toBe(true);
    expect((await servicePids()).length).toBeGreaterThan(0);
  }, 300_000);

  it('the console killed with SIGKILL during pip install: the job is reconciled from the host, where pip ran to its end', async () => {
    const install = (events: Awaited<ReturnType<typeof eventsAfter>>) => {
      const step = events.find((e) => e.type === 'step' && /^pip install/.test(e.text))?.step;
      return step !== undefined && events.some((e) => e.type === 'remote' && e.step === step);
    };
    const running = await killConsoleDuring(['remedy', 'pin-ort', `h2/${NAME}`, '--yes'], install);
    expect(await reconcileJobs()).toContain(running.id);
    // The step may still run: the container stays locked (by the interrupted job) until the host check has seen its end.
    const checked = await waitFor(
      'the host check',
      120_000,
      async () => (await getJob(CLI_ADMIN, running.id)).result?.hostCheck,
    );
    const j = await getJob(CLI_ADMIN, running.id);
    const log = (await eventsAfter(running.id, 0)).map((e) => e.text).join('\n');
    expect(j.status).toBe('interrupted');
    expect(checked.step, log).toMatchObject({ state: 'exited' });
    expect(renderText(checked.step?.title, 'en'), log).toMatch(/^pip install/);
    expect(checked.step).toMatchObject({ code: 0 });
    expect(renderText(checked.step?.outcome, 'en')).toBe(
      'finished with exit status 0 after the console stopped',
    );
    expect(checked.parts.map((p) => ({ ...p, current: renderText(p.current, 'en') }))).toEqual([
      { remedy: 'pin-ort', current: 'onnxruntime-gpu 1.16.0', applied: true },
    ]);
    expect(renderText(j.result?.restoreHint, 'en')).toMatch(
      /^On the host, step (\d+) \("pip install[^"]*"\) finished with exit status 0 after the console stopped\. Now: pin-ort: onnxruntime-gpu 1\.16\.0 \(holds\)\./,
    );
    // The step that finished on the host counts as done; nothing is said to be "under way" any more.
    expect(j.stepsDone).toBe(checked.step!.index + 1);
    expect(renderText(j.result?.restoreHint, 'en')).not.toMatch(/under way/);
    expect(log).toMatch(/now: pin-ort: onnxruntime-gpu 1.16.0 \(the change holds\)/);
    expect(await ortVersion()).toBe('1.16.0');
    expect(await lockHolder(hostId, NAME)).toBeNull();
    // Nothing is left running, and the step directory is gone.
    expect(
      (await inHost('h2', ['docker', 'exec', NAME, 'pgrep', '-af', 'pip install'])).stdout.trim(),
    ).toBe('');
    expect(
      (
        await inHost('h2', [
          'docker',
          'exec',
          NAME,
          'sh',
          '-c',
          'ls -A /var/tmp/dh-console-steps | wc -l',
        ])
      ).stdout.trim(),
    ).toBe('0');
    console.log(`SIGKILL during pip install: ${renderText(j.result?.restoreHint, 'en')}`);
    // Running the remedy again finds the change in place.
    const again = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'pin-ort' }))
      .done;
    expect(again.status, again.error ?? '').toBe('already_applied');
  }, 300_000);

  it('the container stopped (its engine restarted without a restart policy): restart starts it and the service answers', async () => {
    expect((await inHost('h2', ['docker', 'stop', '-t', '2', NAME])).code).toBe(0);
    const { job, done } = await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'restart' });
    expect(renderText(job.plan?.parts[0]?.current, 'en')).toBe('container exited');
    expect(job.plan?.steps.map((s) => renderText(s.title, 'en'))[0]).toMatch(
      /^Start the stopped container/,
    );
    const final = await done;
    expect(
      final.status,
      `${final.error}\n${(await eventsAfter(job.id, 0)).map((e) => e.text).join('\n')}`,
    ).toBe('succeeded');
    expect(await answers()).toBe(true);
    expect(await lockHolder(hostId, NAME)).toBeNull();
  }, 300_000);

  it('fleet batch: a failing canary stops the batch before any other container; a later failure stops the waves', async () => {
    const stoppedEarly = await (
      await startBatch(CLI_ADMIN, {
        name: 'restart',
        targets: [
          { hostId, container: 'rx-j-missing' },
          { hostId, container: NAME },
        ],
        parallel: 2,
      })
    ).done;
    expect(stoppedEarly.status).toBe('stopped');
    expect(stoppedEarly.summary.entries.map((e) => e.status)).toEqual(['refused', 'skipped']);
    expect(stoppedEarly.summary.entries[0]!.error).toMatch(/not found/);

    const batch = await (
      await startBatch(CLI_ADMIN, {
        name: 'restart',
        parallel: 1,
        targets: [
          { hostId, container: NAME },
          { hostId, container: 'rx-j-missing' },
          { hostId, container: 'rx-j-never' },
        ],
      })
    ).done;
    expect(batch.status).toBe('stopped');
    expect(batch.summary.entries.map((e) => e.status)).toEqual(['succeeded', 'refused', 'skipped']);
    expect(batch.summary).toMatchObject({ succeeded: 1, failed: 1, skipped: 1 });
    expect(await answers()).toBe(true);
  }, 300_000);
});

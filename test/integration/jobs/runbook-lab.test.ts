// The jobs engine with the real remedies against a lab container, through the same calls the buttons make
// (lib/jobs/service: preview → start with the confirmed plan hash → live events → verified result → undo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { CLI_ADMIN, type Actor } from '@/lib/auth/types';
import { listAudit } from '@/lib/audit/log';
import { discardKeptOriginal } from '@/lib/jobs/kept-original';
import { getJob } from '@/lib/jobs/service';
import { AuthError } from '@/lib/auth/errors';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { LockedError } from '@/lib/locks/container-lock';
import { eventsAfter } from '@/lib/jobs/store';
import { previewJob, startJob, startUndo } from '@/lib/jobs/service';
import { remoteProbeTransport } from '@/lib/probes/remote-transport';
import { ProbeState, probeHost } from '@/lib/probes/run';
import { remote } from '@/lib/remote';
import { createServiceContainer, inHost, removeContainer } from '../../helpers/lab';
import { labConsole, type LabConsole } from '../../helpers/remedy';

const NAME = 'rx-j-1';
const PORT = 7901;
const MiB = 1024 * 1024;
let lc: LabConsole;
let hostId = '';
let undoneJob = '';
const VIEWER: Actor = {
  user: { id: 'u-viewer', username: 'vera', role: 'viewer' },
  via: 'web',
  ip: '127.0.0.9',
};
const OPERATOR: Actor = {
  user: { id: 'u-operator', username: 'otto', role: 'operator' },
  via: 'web',
  ip: '127.0.0.8',
};
const kept = async (name: string) =>
  (
    await inHost('h1', [
      'docker',
      'ps',
      '-a',
      '--filter',
      `name=^${name}$`,
      '--format',
      '{{.Names}} {{.State}}',
    ])
  ).stdout.trim();

beforeAll(async () => {
  lc = await labConsole();
  hostId = lc.hosts.get('h1')!.id;
  await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
}, 300_000);

afterAll(async () => {
  lc?.dispose();
  // The shm re-creation keeps the original stopped under another name until an operator removes it.
  const left = await inHost('h1', ['docker', 'ps', '-a', '--format', '{{.Names}}']).catch(() => ({
    stdout: '',
  }));
  for (const n of left.stdout.split('\n').filter((n) => n.startsWith(NAME)))
    await removeContainer('h1', n).catch(() => undefined);
});

async function facts() {
  const r = await probeHost(remoteProbeTransport(), hostId, new ProbeState());
  const c = r.containers.find((x) => x.container.name === NAME);
  expect(c, JSON.stringify(r.error)).toBeDefined();
  return c!;
}

describe('fix-queue-blocking on a broken container', () => {
  it('refuses bad input before any command runs, and names the field', async () => {
    const before = remote.stats();
    const bad: [Record<string, unknown>, string][] = [
      [{ version: '1.16.0; rm -rf /' }, 'version'],
      [{ version: '1.16.0\nid' }, 'version'],
      [{ version: '$(id)' }, 'version'],
      [{ version: '../' }, 'version'],
      [{ indexUrl: 'file:///' }, 'indexUrl'],
      [{ indexUrl: 'http://169.254.169.254/' }, 'indexUrl'],
      [{ indexUrl: '--trusted-host x' }, 'indexUrl'],
      [{ batchSize: 0 }, 'batchSize'],
      [{ batchSize: -1 }, 'batchSize'],
      [{ batchSize: 1e9 }, 'batchSize'],
      [{ batchSize: 'abc' }, 'batchSize'],
      [{ size: '2g; id' }, 'size'],
      [{ nonsense: 1 }, 'nonsense'],
      [{ test: 'yes' }, 'test'],
    ];
    for (const [params, field] of bad) {
      const err = await startJob(CLI_ADMIN, {
        hostId,
        container: NAME,
        name: 'fix-queue-blocking',
        params,
      }).catch((e: unknown) => e);
      expect(err, JSON.stringify(params)).toBeInstanceOf(ValidationError);
      expect(
        (err as ValidationError).issues.map((i) => i.field),
        JSON.stringify(params),
      ).toContain(field);
    }
    for (const container of ['-oProxyCommand=x', 'a b', '../x', 'x\n']) {
      await expect(
        startJob(CLI_ADMIN, { hostId, container, name: 'restart' }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    // No command ran: no exec channel was opened for any of them.
    expect(remote.stats().map((s) => s.channelsOpened)).toEqual(
      before.map((s) => s.channelsOpened),
    );
    await expect(
      startJob(CLI_ADMIN, { hostId, container: 'no-such-container', name: 'restart' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('previews, runs with the confirmed plan, streams, verifies; the findings clear; a second run changes nothing; undo restores', async () => {
    const before = await facts();
    expect(before.facts).toMatchObject({
      ortVersion: '1.18.0',
      shmBytes: 64 * MiB,
      batchSize: 4,
      sessionProviders: ['CPUExecutionProvider'],
    });

    const req = { hostId, container: NAME, name: 'fix-queue-blocking' };
    const plan = await previewJob(CLI_ADMIN, req);
    expect(plan.parts.map((p) => p.remedy)).toEqual([
      'pin-ort',
      'ort-env',
      'session-options',
      'shm',
      'batch-size',
      'restart',
    ]);
    expect(plan.parts.every((p) => !p.alreadyApplied)).toBe(true);
    expect(plan.steps.length).toBeGreaterThan(6);
    expect(
      plan.notices.some(
        (n) => n.level === 'info' && /no known effect/i.test(renderText(n.text, 'en')),
      ),
    ).toBe(true);
    await expect(startJob(CLI_ADMIN, req, 'not-the-hash')).rejects.toBeInstanceOf(ConflictError);

    const { job, done } = await startJob(CLI_ADMIN, req, plan.hash);
    expect(job.status).toBe('running');
    // A second operator at the same moment is refused, naming the running job.
    const second = await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'restart' }).catch(
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(LockedError);
    expect((second as Error).message).toContain(job.id);

    const final = await done;
    expect(final.status, `${final.error} ${JSON.stringify(final.result)}`).toBe('succeeded');
    expect(final.result!.verifications.every((v) => v.ok)).toBe(true);
    const events = await eventsAfter(job.id, 0, 10_000);
    expect(events.filter((e) => e.type === 'step').length).toBe(plan.steps.length);
    expect(events.at(-1)).toMatchObject({ type: 'status', text: 'succeeded' });

    const after = await facts();
    expect(after.facts).toMatchObject({
      ortVersion: '1.16.0',
      shmBytes: 2048 * MiB,
      batchSize: 1,
      sessionOptionsApplied: true,
      hookInstalled: true,
    });
    expect(after.facts.sessionProviders?.[0]).toBe('CUDAExecutionProvider');
    expect(after.facts.env).toEqual({ ORT_PARALLEL: '0', OMP_WAIT_POLICY: 'ACTIVE' });
    const ids = after.diagnosis.findings.map((f) => f.id);
    for (const gone of ['cpu_fallback', 'shm_small', 'batch_size']) expect(ids).not.toContain(gone);

    const again = await startJob(CLI_ADMIN, req);
    const noop = await again.done;
    expect(noop.status).toBe('already_applied');
    expect(noop.stepCount).toBe(0);

    undoneJob = job.id;
    const undo = await startUndo(CLI_ADMIN, job.id);
    const undone = await undo.done;
    expect(undone.status, `${undone.error}`).toBe('succeeded');
    const restored = await facts();
    expect(restored.facts).toMatchObject({
      ortVersion: '1.18.0',
      shmBytes: 64 * MiB,
      batchSize: 4,
      hookInstalled: false,
    });
  }, 900_000);

  it('the original kept by the shm re-creation: shown on the job, discarded by an operator only, then Undo is gone', async () => {
    // The undone runbook's original is the service container again: never discarded.
    await expect(discardKeptOriginal(OPERATOR, undoneJob)).rejects.toThrow(
      /keeps no original|was undone/,
    );
    const job = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'shm' })).done;
    expect(job.status, job.error ?? '').toBe('succeeded');
    const original = job.keptOriginal!;
    expect(original.name).toMatch(new RegExp(`^${NAME}-dhc-old-`));
    expect(job.undoable).toBe(true);
    expect(await kept(original.name)).toBe(`${original.name} exited`);
    await expect(discardKeptOriginal(VIEWER, job.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(discardKeptOriginal(VIEWER, job.id)).rejects.toBeInstanceOf(AuthError);
    expect(await kept(original.name)).toBe(`${original.name} exited`);

    const after = await discardKeptOriginal(OPERATOR, job.id);
    expect(await kept(original.name)).toBe('');
    expect(after).toMatchObject({
      keptOriginal: null,
      undoable: false,
      result: { discardedOriginal: { name: original.name, by: 'otto', alreadyGone: false } },
    });
    expect((await getJob(CLI_ADMIN, job.id)).keptOriginal).toBeNull();
    // The re-created service container is untouched and answers.
    expect(
      (
        await inHost('h1', [
          'curl',
          '-sf',
          '-o',
          '/dev/null',
          '--max-time',
          '5',
          `http://127.0.0.1:${PORT}/config`,
        ])
      ).code,
    ).toBe(0);
    await expect(discardKeptOriginal(OPERATOR, job.id)).rejects.toBeInstanceOf(ConflictError);
    const audit = (await listAudit({ action: 'job.discard_original', limit: 10 })).map(
      (e) => `${e.actor.name} ${e.result}`,
    );
    expect(audit).toEqual(expect.arrayContaining(['otto ok', 'otto error', 'vera denied']));
  }, 300_000);
});

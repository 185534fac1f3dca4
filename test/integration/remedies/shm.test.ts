// The shm re-creation on scratch lab containers (one Compose-managed): nothing written into the container is lost,
// the configuration carries over, the original is kept stopped for undo, and every failure — including the SSH
// connection cut between the commit and the start, or the container removed mid-job — ends with a working container.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { remote } from '@/lib/remote';
import { runSteps } from '@/lib/remedies/run-steps';
import { shm } from '@/lib/remedies/modules/shm';
import { DEFAULT_REMEDY_DEFAULTS as D } from '@/lib/remedies/settings';
import type { RemedyContext } from '@/lib/remedies/types';
import { createServiceContainer, inHost, removeContainer } from '../../helpers/lab';
import {
  applyRemedy,
  contextFor,
  labConsole,
  undoRemedy,
  type LabConsole,
} from '../../helpers/remedy';

const SHM = shm;
const PLAIN = 'rx-m-3';
const COMPOSED = 'rx-m-4';
const MiB = 1024 * 1024;
let lc: LabConsole;
let hostId = '';

const docker = async (argv: string[]) => inHost('h2', ['docker', ...argv]);
const inspect = async (name: string) => {
  const r = await docker(['inspect', name]);
  return r.code === 0
    ? (
        JSON.parse(r.stdout) as {
          Id: string;
          Name: string;
          State: { Running: boolean };
          HostConfig: { ShmSize: number; RestartPolicy: unknown; Binds: string[] };
          Config: { Env: string[]; Labels: Record<string, string> };
        }[]
      )[0]!
    : null;
};
const names = async (prefix: string) =>
  (await docker(['ps', '-a', '--format', '{{.Names}}'])).stdout
    .split('\n')
    .filter((n) => n.startsWith(prefix));
const answers = async (port: number) => {
  const h2 = lc.lab.hosts.find((h) => h.name === 'h2')!;
  return fetch(`http://${h2.address}:${port}/config`, { signal: AbortSignal.timeout(5_000) }).then(
    (r) => r.ok,
    () => false,
  );
};

beforeAll(async () => {
  lc = await labConsole();
  hostId = lc.hosts.get('h2')!.id;
  await createServiceContainer('h2', { name: PLAIN, port: 7913, state: 'broken' });
  await createServiceContainer('h2', {
    name: COMPOSED,
    port: 7914,
    state: 'broken',
    compose: { project: 'rxm4', service: 'digital-human-service' },
  });
}, 300_000);

afterAll(async () => {
  lc?.dispose();
  for (const n of [...(await names(PLAIN)), ...(await names(COMPOSED))])
    await removeContainer('h2', n).catch(() => undefined);
});

describe('shm re-creation', () => {
  it('re-creates with 2 GiB, keeps what was written inside and the configuration; twice changes nothing; undo restores', async () => {
    await docker(['exec', PLAIN, 'sh', '-c', 'echo kept > /root/marker']);
    const before = (await inspect(PLAIN))!;
    const target = { hostId, container: PLAIN };
    const run = await applyRemedy(SHM, target);
    expect(run.outcome.ok, run.log.join('\n')).toBe(true);
    expect(run.verification?.ok, JSON.stringify(run.verification)).toBe(true);
    expect(run.plan.steps.find((s) => s.id === 'create')?.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'HostConfig.ShmSize', after: 2048 * MiB }),
      ]),
    );
    const after = (await inspect(PLAIN))!;
    expect(after.Id).not.toBe(before.Id);
    expect(after.HostConfig.ShmSize).toBe(2048 * MiB);
    expect(after.Config.Env).toEqual(before.Config.Env);
    // The one label added names the container it replaces (so the kept original is not listed as a service).
    expect(after.Config.Labels).toEqual({
      ...before.Config.Labels,
      'dh-console.replaces': before.Id,
    });
    expect(after.HostConfig.Binds).toEqual(before.HostConfig.Binds);
    expect(after.HostConfig.RestartPolicy).toEqual(before.HostConfig.RestartPolicy);
    expect((await docker(['exec', PLAIN, 'cat', '/root/marker'])).stdout.trim()).toBe('kept');
    expect(
      (await docker(['exec', PLAIN, 'df', '-B1', '--output=size', '/dev/shm'])).stdout,
    ).toContain(String(2048 * MiB));
    expect(await answers(7913)).toBe(true);
    const oldName = (run.plan.undo as { oldName: string }).oldName;
    expect((await inspect(oldName))?.State.Running).toBe(false);

    expect((await applyRemedy(SHM, target)).plan.alreadyApplied).toBe(true);

    const undo = await undoRemedy(SHM, target, run.plan.undo);
    expect(undo.outcome.ok, undo.log.join('\n')).toBe(true);
    const restored = (await inspect(PLAIN))!;
    expect(restored.Id).toBe(before.Id);
    expect(restored.HostConfig.ShmSize).toBe(64 * MiB);
    expect(await answers(7913)).toBe(true);
  }, 600_000);

  it('the SSH connection cut between the commit and the start: the original is back, running, under its name', async () => {
    const target = { hostId, container: PLAIN };
    const before = (await inspect(PLAIN))!;
    const log: string[] = [];
    let cut = false;
    // The step gets its Docker client on the pooled connection, which is then cut under it (as a network drop
    // would): its requests fail, and the rollback has to reconnect.
    const wrap = (c: RemedyContext): RemedyContext => ({
      ...c,
      docker: async (o) => {
        const d = await c.docker(o);
        if (cut) {
          cut = false;
          remote.resetForTests();
        }
        return d;
      },
      withSignal: (sig) => wrap(c.withSignal(sig)),
      detached: () => c.detached(),
    });
    const ctx = wrap(contextFor(target, log));
    const prepared = await SHM.prepare(ctx, SHM.params({}, D), D);
    const start = prepared.steps.findIndex((s) => s.id === 'rename-new');
    const outcome = await runSteps(ctx, prepared.steps, {
      before: (i) => {
        if (i === start) cut = true;
      },
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.failedIndex).toBe(start);
      expect(outcome.rolledBack, log.join('\n')).toBe(true);
    }
    const now = (await inspect(PLAIN))!;
    expect(now.Id).toBe(before.Id);
    expect(now.State.Running).toBe(true);
    expect(now.HostConfig.ShmSize).toBe(64 * MiB);
    expect(await names(`${PLAIN}-dhc-new`)).toEqual([]);
    expect(await names(`${PLAIN}-dhc-old`)).toEqual([]);
    await expect.poll(() => answers(7913), { timeout: 60_000, interval: 500 }).toBe(true);
  }, 600_000);

  it('the container removed in the middle: a clear error, and nothing half-made is left', async () => {
    const target = { hostId, container: PLAIN };
    const log: string[] = [];
    const ctx = contextFor(target, log);
    expect((await inspect(PLAIN))!.HostConfig.ShmSize).toBe(64 * MiB);
    const prepared = await SHM.prepare(ctx, SHM.params({}, D), D);
    const outcome = await runSteps(ctx, prepared.steps, {
      before: async (i) => {
        if (i === 1) await removeContainer('h2', PLAIN);
      },
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.rolledBack).toBe(false);
      expect(String((outcome.rollbackErrors[0]?.error as Error)?.message)).toMatch(
        /original container .* is gone/,
      );
    }
    expect(await names(`${PLAIN}-dhc-new`)).toEqual([]);
  }, 600_000);

  it('a Compose-managed container: warns, shows the compose diff, and applies it with a backup when asked', async () => {
    const target = { hostId, container: COMPOSED };
    const ctx = contextFor(target);
    const preview = await SHM.prepare(ctx, SHM.params({}, D), D);
    expect(preview.plan.notices.map((n) => renderText(n.text, 'en')).join('\n')).toMatch(
      /docker compose up/,
    );
    expect(preview.plan.notices.map((n) => renderText(n.text, 'en')).join('\n')).toContain(
      '+    shm_size: 2gb',
    );
    const file = (await inspect(COMPOSED))!.Config.Labels[
      'com.docker.compose.project.config_files'
    ]!;
    const original = (await inHost('h2', ['cat', file])).stdout;
    const run = await applyRemedy(SHM, target, { composeFile: true });
    expect(run.outcome.ok, run.log.join('\n')).toBe(true);
    const edited = (await inHost('h2', ['cat', file])).stdout;
    expect(edited).toContain('    shm_size: 2gb\n');
    expect(edited.replace('    shm_size: 2gb\n', '')).toBe(original);
    const undo = await undoRemedy(SHM, target, run.plan.undo);
    expect(undo.outcome.ok, undo.log.join('\n')).toBe(true);
    expect((await inHost('h2', ['cat', file])).stdout).toBe(original);
  }, 600_000);
});

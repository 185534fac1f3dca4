// batch-size, ort-env and restart on a scratch broken lab container, run exactly as the jobs engine runs them; every
// effect read back independently with `docker exec` on the host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { batchSize, CONFIG_INI } from '@/lib/remedies/modules/batch-size';
import { ortEnv } from '@/lib/remedies/modules/ort-env';
import { restart } from '@/lib/remedies/modules/restart';
import { createServiceContainer, inHost, removeContainer } from '../../helpers/lab';
import { applyRemedy, labConsole, undoRemedy, type LabConsole } from '../../helpers/remedy';

const NAME = 'rx-m-1';
const PORT = 7911;
let lc: LabConsole;
let target: { hostId: string; container: string };

const sh = async (argv: string[]) => (await inHost('h1', ['docker', 'exec', NAME, ...argv])).stdout;
const servicePid = async () =>
  Number(
    (
      await sh([
        'sh',
        '-c',
        'for p in /proc/[0-9]*; do if tr "\\0" " " < $p/cmdline 2>/dev/null | grep -q "^python app.py"; then pp=$(awk "{print \\$4}" $p/stat); if ! tr "\\0" " " < /proc/$pp/cmdline 2>/dev/null | grep -q "^python app.py"; then echo ${p#/proc/}; fi; fi; done',
      ])
    )
      .trim()
      .split('\n')[0],
  );

beforeAll(async () => {
  lc = await labConsole();
  target = { hostId: lc.hosts.get('h1')!.id, container: NAME };
  await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
}, 300_000);

afterAll(async () => {
  lc?.dispose();
  await removeContainer('h1', NAME).catch(() => undefined);
});

describe('batch-size', () => {
  it('sets [digital] batch_size = 1 keeping every other byte, with a backup; twice changes nothing; undo puts 4 back', async () => {
    const before = await sh(['cat', CONFIG_INI]);
    expect(before).toMatch(/batch_size = 4/);
    const run = await applyRemedy(batchSize, target);
    expect(run.outcome.ok).toBe(true);
    expect(run.verification?.ok).toBe(true);
    expect(run.plan.steps.find((s) => s.id === 'write')?.diff?.unified).toContain(
      '+batch_size = 1',
    );
    const after = await sh(['cat', CONFIG_INI]);
    expect(after).toBe(before.replace('batch_size = 4', 'batch_size = 1'));
    const backup = (run.plan.undo as { backup: string }).backup;
    expect(await sh(['cat', backup])).toBe(before);

    const again = await applyRemedy(batchSize, target);
    expect(again.plan.alreadyApplied).toBe(true);
    expect(again.plan.steps).toEqual([]);

    const undo = await undoRemedy(batchSize, target, run.plan.undo);
    expect(undo.outcome.ok).toBe(true);
    expect(await sh(['cat', CONFIG_INI])).toBe(before);
  }, 120_000);

  it('refuses bad values before anything runs', () => {
    for (const value of [0, -1, 1e9, 'abc', '1; id'])
      expect(() => batchSize.params({ batchSize: value }, { batchSize: 1 } as never)).toThrow(
        /batchSize: must be/,
      );
  });
});

describe('ort-env and restart', () => {
  it('installs the activation script; after a restart by PID the service has the variables; undo removes it', async () => {
    const run = await applyRemedy(ortEnv, target);
    expect(run.outcome.ok, run.log.join('\n')).toBe(true);
    expect(run.plan.notices.map((n) => renderText(n.text, 'en')).join(' ')).toMatch(
      /no known effect/,
    );
    expect(
      await sh(['cat', '/opt/conda/envs/human/etc/conda/activate.d/dh_console_ort_env.sh']),
    ).toContain('export ORT_PARALLEL=0');

    const oldPid = await servicePid();
    const r = await applyRemedy(restart, target);
    expect(r.outcome.ok, r.log.join('\n')).toBe(true);
    expect(r.verification?.ok, JSON.stringify(r.verification)).toBe(true);
    const newPid = await servicePid();
    expect(newPid).not.toBe(oldPid);
    expect(
      (await inHost('h1', ['docker', 'exec', NAME, 'test', '-e', `/proc/${oldPid}`])).code,
    ).not.toBe(0);
    const environ = await sh(['cat', `/proc/${newPid}/environ`]);
    expect(environ.split('\0')).toEqual(
      expect.arrayContaining(['ORT_PARALLEL=0', 'OMP_WAIT_POLICY=ACTIVE']),
    );
    const h1 = lc.lab.hosts.find((h) => h.name === 'h1')!;
    expect((await fetch(`http://${h1.address}:${PORT}/config`)).ok).toBe(true);

    const again = await applyRemedy(ortEnv, target);
    expect(again.plan.alreadyApplied).toBe(true);
    const undo = await undoRemedy(ortEnv, target, run.plan.undo);
    expect(undo.outcome.ok).toBe(true);
    expect(
      (
        await inHost('h1', [
          'docker',
          'exec',
          NAME,
          'test',
          '-e',
          '/opt/conda/envs/human/etc/conda/activate.d/dh_console_ort_env.sh',
        ])
      ).code,
    ).not.toBe(0);
  }, 240_000);
});

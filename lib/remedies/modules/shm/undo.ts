import { ConflictError } from '@/lib/errors';
import { text } from '@/lib/i18n/text';
import { ENV_PYTHON } from '@/lib/probes/container';
import type { Prepared, RemedyContext, RunnableStep } from '../../types';
import type { ComposeUndo } from './compose-step';
import { inspectNamed, stopQuietly, type Names } from './docker';
import { WAIT_SERVICE } from '../service-scripts';

// Undo of the re-creation: the re-created container is stopped and set aside (renamed, kept stopped), the original
// gets its name back and starts; the compose file, if it was edited, gets its old text back.

interface ShmUndo extends Names {
  previousShm: number;
  compose: ComposeUndo | null;
}

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

type Inspected = NonNullable<Awaited<ReturnType<typeof inspectNamed>>>;

/** The re-created container (id) is stopped and renamed aside, kept stopped. */
function setAsideSteps(id: string, name: string, aside: string): RunnableStep[] {
  return [
    {
      id: 'stop-new',
      title: text('remedies.shm.undo.steps.stopNew', { name }),
      where: 'docker',
      argv: [`POST /containers/${id.slice(0, 12)}/stop?t=20`],
      timeoutMs: 120_000,
      run: async (c) => stopQuietly(await c.docker({ timeoutMs: 120_000 }), id, 20),
      rollback: async (c) =>
        void (await (
          await c.docker()
        )
          .getContainer(id)
          .start()
          .catch(() => undefined)),
    },
    {
      id: 'rename-new',
      title: text('remedies.shm.undo.steps.renameNew', { aside }),
      where: 'docker',
      argv: [`POST /containers/${id.slice(0, 12)}/rename?name=${aside}`],
      timeoutMs: 60_000,
      run: async (c) => (await c.docker()).getContainer(id).rename({ name: aside }),
      rollback: async (c) =>
        void (await (
          await c.docker()
        )
          .getContainer(id)
          .rename({ name })
          .catch(() => undefined)),
    },
  ];
}

/** The original gets its name back and starts; then the service in it is waited for. */
function restoreOriginalSteps(u: ShmUndo, old: Inspected): RunnableStep[] {
  const restore: RunnableStep = {
    id: 'rename-old',
    title: text('remedies.shm.undo.steps.renameOld', { oldName: u.oldName, name: u.name }),
    where: 'docker',
    argv: [
      `POST /containers/${u.oldId.slice(0, 12)}/rename?name=${u.name}`,
      `POST /containers/${u.oldId.slice(0, 12)}/start`,
    ],
    timeoutMs: 120_000,
    run: async (c) => {
      const e = await c.docker({ timeoutMs: 120_000 });
      await e.getContainer(u.oldId).rename({ name: u.name });
      await e
        .getContainer(u.oldId)
        .start()
        .catch((err: { statusCode?: number }) => {
          if (err?.statusCode !== 304) throw err;
        });
    },
    rollback: async (c) => {
      const e = await c.docker();
      await stopQuietly(e, u.oldId, 20);
      await e
        .getContainer(u.oldId)
        .rename({ name: u.oldName })
        .catch(() => undefined);
    },
  };
  const port =
    (old.Config.Env ?? []).find((x) => x.startsWith('GRADIO_SERVER_PORT='))?.split('=')[1] ??
    '7860';
  const waitArgv = [
    ENV_PYTHON,
    '-c',
    WAIT_SERVICE,
    /^\d{1,5}$/.test(port) ? port : '7860',
    '120',
    '0',
  ];
  const wait: RunnableStep = {
    id: 'wait',
    title: text('remedies.shm.undo.steps.wait'),
    where: 'container',
    argv: waitArgv,
    timeoutMs: 150_000,
    run: async (c) => void (await c.inContainer(waitArgv, { check: true, timeoutMs: 140_000 })),
  };
  return [restore, wait];
}

/** The compose file gets its old text back, unless someone changed it since. */
function composeFileStep(cu: ComposeUndo): RunnableStep {
  return {
    id: 'compose-file',
    title: text('remedies.shm.undo.steps.composeFile', { file: cu.file }),
    where: 'host',
    argv: ['cp', '-p', '--', cu.backup, cu.file],
    timeoutMs: 60_000,
    run: async (c) => {
      const now = await c.onHost(['cat', '--', cu.file], {
        check: true,
        onOutput: () => undefined,
      });
      if (now.stdout !== cu.after)
        throw new Error(
          `${cu.file} changed since the remedy: restore ${cu.backup} by hand if wanted`,
        );
      await c.onHost(['cp', '-p', '--', cu.backup, cu.file], { check: true });
    },
  };
}

export async function prepareShmUndo(ctx: RemedyContext, raw: unknown): Promise<Prepared> {
  const u = raw as ShmUndo;
  const d = await ctx.docker();
  const old = await d
    .getContainer(u.oldId)
    .inspect()
    .catch(() => null);
  if (!old)
    throw new ConflictError(
      `the original container (${u.oldName}, ${u.oldId.slice(0, 12)}) no longer exists: it was removed, so this cannot be undone`,
    );
  const current = await inspectNamed(d, u.name);
  const steps: RunnableStep[] = [];
  if (current && current.Id !== u.oldId)
    steps.push(...setAsideSteps(current.Id, u.name, `${u.name}-dhc-undone-${stamp()}`));
  if (old.Name.replace(/^\//, '') !== u.name) steps.push(...restoreOriginalSteps(u, old));
  if (u.compose) steps.push(composeFileStep(u.compose));
  const fmt = (b: number) => `${Math.round(b / 1024 ** 2)} MiB`;
  return {
    plan: {
      remedy: 'shm',
      mode: 'undo',
      target: ctx.target,
      params: { size: u.previousShm },
      needsRestart: false,
      notices: [],
      undo: null,
      alreadyApplied: steps.length === 0,
      steps,
      current: text('remedies.shm.undo.current', {
        id: current?.Id.slice(0, 12) ?? { text: text('remedies.shm.undo.none') },
        size: fmt(current?.HostConfig.ShmSize ?? 0),
      }),
      wanted: text('remedies.shm.undo.wanted', {
        id: u.oldId.slice(0, 12),
        size: fmt(u.previousShm),
      }),
    },
    steps,
  };
}

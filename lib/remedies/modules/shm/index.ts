import type Dockerode from 'dockerode';
import { text } from '@/lib/i18n/text';
import { ENV_PYTHON } from '@/lib/probes/container';
import { composeLabels } from '@/lib/probes/compose';
import { recreateSpec, specChanges, type InspectLike } from '../../recreate-spec';
import { shmSizeParam, type RemedyDefaults } from '../../settings';
import type { Notice, Plan, Prepared, Remedy, RemedyContext, RunnableStep } from '../../types';
import { optionKeys } from '../../options';
import { onlyKeys, valid } from '../common';
import { composeSteps } from './compose-step';
import { inspectNamed, restoreOriginal, stopQuietly, type Names } from './docker';
import { WAIT_SERVICE } from '../service-scripts';

// /dev/shm can only change by re-creating the container (`docker update` cannot). Nothing written into the container
// may be lost: commit it, create the new one from the commit with the same configuration, stop and rename the old
// one (kept, stopped, for undo), start the new one under the name and wait for the service. Any failure puts the
// original back, running, under its own name.

export interface ShmParams extends Record<string, unknown> {
  size: number;
  composeFile: boolean;
}

const MiB = 1024 ** 2;
const fmt = (b: number) =>
  b >= 1024 ** 3 && b % 1024 ** 3 === 0 ? `${b / 1024 ** 3} GiB` : `${Math.round(b / MiB)} MiB`;
const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
const SHM_BYTES =
  'import os, json; s = os.statvfs("/dev/shm"); print(json.dumps(s.f_blocks * s.f_frsize))';

function portOf(info: Dockerode.ContainerInspectInfo): number {
  const e = (info.Config.Env ?? []).find((x) => x.startsWith('GRADIO_SERVER_PORT='));
  const n = Number(e?.split('=')[1]);
  return Number.isInteger(n) && n > 0 ? n : 7860;
}

// The commit keeps the original image's repository (a new tag beside its own), so that whatever recognises the
// service by its image name (the console's own service patterns, a team's scripts) still does.
const REPO_RE =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

export function commitRepo(image: string, name: string): string {
  const repo = image.replace(/@sha256:[a-f0-9]+$/, '').replace(/:[\w][\w.-]{0,127}$/, '');
  if (REPO_RE.test(repo) && !/^sha256$/.test(repo)) return repo;
  return `dh-console/${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'container'
  }`;
}

function names(info: Dockerode.ContainerInspectInfo): Names {
  const name = info.Name.replace(/^\//, '');
  const s = stamp();
  return {
    name,
    tmpName: `${name}-dhc-new`,
    oldName: `${name}-dhc-old-${s}`,
    oldId: info.Id,
    image: `${commitRepo(info.Config.Image, name)}:dh-console-shm-${s.toLowerCase()}`,
  };
}

function dockerSteps(
  info: Dockerode.ContainerInspectInfo,
  n: Names,
  size: number,
  d: RemedyDefaults,
): RunnableStep[] {
  const spec = recreateSpec(info as unknown as InspectLike, n.image, size, n.oldId);
  const [repo, tag] = n.image.split(':') as [string, string];
  const port = portOf(info);
  const engine = (ctx: RemedyContext) => ctx.docker({ timeoutMs: 300_000 });
  const waitArgv = [ENV_PYTHON, '-c', WAIT_SERVICE, String(port), String(d.startTimeoutS), '0'];
  return [
    {
      id: 'commit',
      title: text('remedies.shm.steps.commit', { name: n.name, image: n.image }),
      where: 'docker',
      argv: [`POST /commit?container=${n.oldId.slice(0, 12)}&repo=${repo}&tag=${tag}`],
      timeoutMs: 600_000,
      run: async (ctx) =>
        void (await (await engine(ctx)).getContainer(n.oldId).commit({
          repo,
          tag,
          comment: 'DH Fleet Console: before re-creating with a larger /dev/shm',
        })),
      rollback: (ctx) => restoreOriginal(ctx, n, d.stopTimeoutS),
    },
    {
      id: 'create',
      title: text('remedies.shm.steps.create', { tmpName: n.tmpName, size: fmt(size) }),
      where: 'docker',
      argv: [`POST /containers/create?name=${n.tmpName}`],
      changes: specChanges(info as unknown as InspectLike, spec),
      timeoutMs: 120_000,
      run: async (ctx) =>
        void (await (
          await engine(ctx)
        ).createContainer({ ...spec.body, name: n.tmpName } as Dockerode.ContainerCreateOptions)),
    },
    {
      id: 'stop-old',
      title: text('remedies.shm.steps.stopOld', { name: n.name, seconds: d.stopTimeoutS }),
      where: 'docker',
      argv: [`POST /containers/${n.oldId.slice(0, 12)}/stop?t=${d.stopTimeoutS}`],
      timeoutMs: (d.stopTimeoutS + 60) * 1000,
      run: async (ctx) => stopQuietly(await engine(ctx), n.oldId, d.stopTimeoutS),
      // A stop whose request was cut goes on in the engine: stop again, which returns once it has settled, so that the
      // commit's rollback (restoreOriginal) then sees it stopped and starts it, instead of seeing it still running.
      rollback: async (ctx) => stopQuietly(await engine(ctx), n.oldId, d.stopTimeoutS),
    },
    {
      id: 'rename-old',
      title: text('remedies.shm.steps.renameOld', { oldName: n.oldName }),
      where: 'docker',
      argv: [`POST /containers/${n.oldId.slice(0, 12)}/rename?name=${n.oldName}`],
      timeoutMs: 60_000,
      run: async (ctx) => (await engine(ctx)).getContainer(n.oldId).rename({ name: n.oldName }),
    },
    {
      id: 'rename-new',
      title: text('remedies.shm.steps.renameNew', { tmpName: n.tmpName, name: n.name }),
      where: 'docker',
      argv: [
        `POST /containers/${n.tmpName}/rename?name=${n.name}`,
        `POST /containers/${n.name}/start`,
      ],
      timeoutMs: 120_000,
      run: async (ctx) => {
        const e = await engine(ctx);
        await e.getContainer(n.tmpName).rename({ name: n.name });
        await e.getContainer(n.name).start();
      },
    },
    {
      id: 'wait',
      title: text('remedies.shm.steps.wait', { port, seconds: d.startTimeoutS }),
      where: 'container',
      argv: waitArgv,
      timeoutMs: (d.startTimeoutS + 30) * 1000,
      run: async (ctx) =>
        void (await ctx.inContainer(waitArgv, {
          check: true,
          timeoutMs: (d.startTimeoutS + 20) * 1000,
        })),
    },
  ];
}

const COMPOSE_WARNING = (project: string): Notice => ({
  level: 'warn',
  text: text('remedies.shm.notices.compose', { project }),
});

export const shm: Remedy<ShmParams> = {
  id: 'shm',
  params(raw, d) {
    onlyKeys(raw, optionKeys('shm'));
    const size = valid(shmSizeParam(raw.size ?? d.shmSizeBytes));
    if (raw.composeFile !== undefined && typeof raw.composeFile !== 'boolean')
      valid({
        ok: false,
        problem: { field: 'composeFile', rule: 'must be true or false', code: 'boolean' },
      });
    return { size, composeFile: raw.composeFile === true };
  },
  async prepare(ctx, p, d): Promise<Prepared> {
    const info = await inspectNamed(await ctx.docker(), ctx.target.container);
    if (!info) throw new Error(`container ${ctx.target.container} not found`);
    const now = info.HostConfig.ShmSize ?? 64 * MiB;
    const compose = composeLabels(info.Config.Labels ?? {});
    const cs = compose
      ? await composeSteps(ctx, compose, p.size, p.composeFile)
      : { steps: [], notices: [], undo: null };
    const notices = [...(compose ? [COMPOSE_WARNING(compose.project)] : []), ...cs.notices];
    const base = {
      remedy: 'shm' as const,
      mode: 'apply' as const,
      target: ctx.target,
      params: p,
      needsRestart: false,
      notices,
      current: text('remedies.shm.state', { size: fmt(now) }),
      wanted: text('remedies.shm.state', { size: fmt(p.size) }),
    };
    if (now >= p.size)
      return {
        plan: { ...base, alreadyApplied: cs.steps.length === 0, steps: cs.steps, undo: null },
        steps: cs.steps,
      };
    const n = names(info);
    const steps = [...dockerSteps(info, n, p.size, d), ...cs.steps];
    return {
      plan: {
        ...base,
        alreadyApplied: false,
        steps,
        undo: { ...n, previousShm: now, compose: cs.undo },
      },
      steps,
    };
  },
  prepareUndo: (ctx, raw) => import('./undo').then((m) => m.prepareShmUndo(ctx, raw)),
  async verify(ctx, plan: Plan) {
    const d = await ctx.docker();
    const info = await inspectNamed(d, ctx.target.container);
    const want =
      plan.mode === 'apply'
        ? (plan.params as ShmParams).size
        : (plan.params as { size: number }).size;
    if (!info?.State.Running)
      return {
        ok: false,
        detail: text('remedies.shm.verify.notRunning', { container: ctx.target.container }),
      };
    const seen = Number(
      (await ctx.inContainer([ENV_PYTHON, '-c', SHM_BYTES], { check: true })).stdout.trim(),
    );
    const size = info.HostConfig.ShmSize ?? 0;
    const good =
      plan.mode === 'apply' ? size >= want && seen >= want : size === want && seen === want;
    return {
      ok: good,
      detail: text('remedies.shm.verify.detail', {
        shmSize: fmt(info.HostConfig.ShmSize ?? 0),
        seen: fmt(seen),
        id: info.Id.slice(0, 12),
      }),
    };
  },
};

import { ConflictError } from '@/lib/errors';
import { type TextValue, text } from '@/lib/i18n/text';
import { checkOrtCompat } from '@/lib/diagnosis/compat';
import { ENV_PYTHON } from '@/lib/probes/container';
import { indexUrl, packageVersion } from '@/lib/validate/values';
import { readContainerFile } from '../../container-files';
import { ok, probeInside } from '../../probe';
import { DEFAULT_REMEDY_DEFAULTS, type RemedyDefaults } from '../../settings';
import type { Notice, Prepared, Remedy, RemedyContext, RunnableStep } from '../../types';
import { optionKeys } from '../../options';
import { onlyKeys, valid } from '../common';
import { indexVersions, missingVersionNotice } from './index-versions';
import { BACKUP_DIST, CLEAN_DOWNLOADS, RESTORE_DIST } from './pip-scripts';

// Pin onnxruntime-gpu in the `human` env. Safe order: download the target first (an unreachable index or a missing
// version fails before anything changes), save the installed files for an offline restore, uninstall, install from
// the download. A failed step restores the previous version from the saved files.

const DIST = 'onnxruntime-gpu';
const PIP_ENV = { PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };

export interface PinParams extends Record<string, unknown> {
  version: string;
  indexUrl: string | null;
}

interface Undo {
  previous: string | null;
  backup: string | null;
  indexUrl: string | null;
}

/** "onnxruntime-gpu 1.16.0", or that it is not installed. */
const packageState = (version: string | null) =>
  text('remedies.pin-ort.package', {
    dist: DIST,
    version: version ?? { text: text('remedies.pin-ort.notInstalled') },
  });

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export function compatNotices(
  version: string,
  cuda: number[],
  cudnn: number[],
  d: RemedyDefaults,
): Notice[] {
  const c = checkOrtCompat(version, cuda, cudnn);
  const libs = `CUDA ${cuda.join('/') || '?'} + cuDNN ${cudnn.join('/') || '?'}`;
  const truth: Notice = { level: 'info', text: text('remedies.pin-ort.notices.truth') };
  if (c.verdict === 'match') return [truth];
  const level = d.compatPolicy === 'block' && c.verdict === 'mismatch' ? 'block' : 'warn';
  const values = {
    version,
    libs,
    recommended: c.recommended
      ? { text: text('remedies.pin-ort.notices.recommended', { version: c.recommended }) }
      : '',
  };
  if (c.verdict === 'unknown')
    return [truth, { level: 'warn', text: text('remedies.pin-ort.notices.unknown', values) }];
  if (c.verdict === 'feed_build_only')
    return [truth, { level: 'warn', text: text('remedies.pin-ort.notices.feedBuildOnly', values) }];
  return [truth, { level, text: text('remedies.pin-ort.notices.mismatch', values) }];
}

function pinSteps(
  version: string,
  index: string | null,
  dir: string,
  previous: string | null,
  pipTimeoutS = DEFAULT_REMEDY_DEFAULTS.pipTimeoutS,
): RunnableStep[] {
  const pipMs = pipTimeoutS * 1000;
  const backup = `${dir}/previous.tar`;
  const restoreArgv = previous ? [ENV_PYTHON, '-c', RESTORE_DIST, DIST, backup, previous] : null;
  const restore = async (ctx: RemedyContext) => {
    if (restoreArgv && (await readContainerFile(ctx, backup)).exists)
      await ctx.inContainer(restoreArgv, {
        check: true,
        env: PIP_ENV,
        timeoutMs: 300_000,
        durable: true,
      });
  };
  const download = [
    ENV_PYTHON,
    '-m',
    'pip',
    'download',
    '--no-deps',
    '--only-binary=:all:',
    '-d',
    dir,
    `${DIST}==${version}`,
    ...(index ? ['--index-url', index] : []),
  ];
  const install = [
    ENV_PYTHON,
    '-m',
    'pip',
    'install',
    '--no-deps',
    '--no-index',
    '--find-links',
    dir,
    `${DIST}==${version}`,
  ];
  // Durable: a dropped connection must not stop pip half-way (uninstalled, nothing installed); it runs on.
  const run = (argv: string[], timeoutMs: number) => async (ctx: RemedyContext) =>
    void (await ctx.inContainer(argv, { check: true, env: PIP_ENV, timeoutMs, durable: true }));
  const steps: RunnableStep[] = [
    {
      id: 'download',
      title: index
        ? text('remedies.pin-ort.steps.downloadFrom', { dist: DIST, version, index })
        : text('remedies.pin-ort.steps.downloadFromEnvIndex', { dist: DIST, version }),
      where: 'container',
      argv: download,
      timeoutMs: pipMs + 10_000,
      durable: true,
      run: run(download, pipMs),
    },
  ];
  if (previous) {
    const save = [ENV_PYTHON, '-c', BACKUP_DIST, DIST, backup];
    const uninstall = [ENV_PYTHON, '-m', 'pip', 'uninstall', '-y', DIST];
    steps.push(
      {
        id: 'backup',
        title: text('remedies.pin-ort.steps.backup', { dist: DIST, version: previous }),
        where: 'container',
        argv: save,
        timeoutMs: 300_000,
        durable: true,
        run: run(save, 290_000),
      },
      {
        id: 'uninstall',
        title: text('remedies.pin-ort.steps.uninstall', { dist: DIST, version: previous }),
        where: 'container',
        argv: uninstall,
        timeoutMs: 300_000,
        durable: true,
        run: run(uninstall, 290_000),
        rollback: restore,
      },
    );
  }
  steps.push(
    {
      id: 'install',
      title: text('remedies.pin-ort.steps.install', { dist: DIST, version }),
      where: 'container',
      argv: install,
      timeoutMs: pipMs + 10_000,
      durable: true,
      run: run(install, pipMs),
      rollback: restore,
    },
    {
      id: 'clean',
      title: text('remedies.pin-ort.steps.clean'),
      where: 'container',
      argv: [ENV_PYTHON, '-c', CLEAN_DOWNLOADS, dir],
      timeoutMs: 60_000,
      durable: true,
      run: run([ENV_PYTHON, '-c', CLEAN_DOWNLOADS, dir], 50_000),
    },
  );
  return steps;
}

export const pinOrt: Remedy<PinParams> = {
  id: 'pin-ort',
  params(raw, d) {
    onlyKeys(raw, optionKeys('pin-ort'));
    const version = valid(packageVersion('version', raw.version ?? d.ortVersion));
    const given = raw.indexUrl === '' ? null : (raw.indexUrl ?? d.indexUrl);
    return {
      version,
      indexUrl: given === null ? null : valid(indexUrl('indexUrl', given, d.allowedIndexHosts)),
    };
  },
  async prepare(ctx, p, d): Promise<Prepared> {
    const [probe, listed] = await Promise.all([
      probeInside(ctx),
      indexVersions(ctx, DIST, p.indexUrl, PIP_ENV),
    ]);
    const ort = ok(probe.ort);
    const libs = ok(probe.cudaLibs);
    const previous = ort?.version ?? null;
    const indexName: TextValue = p.indexUrl ?? { text: text('remedies.pin-ort.envIndex') };
    // A version the index does not have is said first, as such: no compatibility remark about a version that is not there.
    const missing = listed.ok && !listed.versions.includes(p.version) && previous !== p.version;
    const notices: Notice[] = missing
      ? [missingVersionNotice(DIST, p.version, indexName, listed.versions)]
      : [
          ...(listed.ok
            ? []
            : [
                {
                  level: 'warn' as const,
                  text: text('remedies.pin-ort.notices.listFailed', {
                    index: indexName,
                    error: listed.error,
                  }),
                },
              ]),
          ...compatNotices(p.version, libs?.cudaMajors ?? [], libs?.cudnnMajors ?? [], d),
        ];
    const base = {
      remedy: 'pin-ort' as const,
      mode: 'apply' as const,
      target: ctx.target,
      params: p,
      needsRestart: true,
      notices,
      current: packageState(previous),
      wanted: packageState(p.version),
    };
    if (previous === p.version)
      return { plan: { ...base, alreadyApplied: true, steps: [], undo: null }, steps: [] };
    const dir = `/var/tmp/dh-console-ort-${stamp()}`;
    const steps = pinSteps(p.version, p.indexUrl, dir, previous, d.pipTimeoutS);
    const undo: Undo = {
      previous,
      backup: previous ? `${dir}/previous.tar` : null,
      indexUrl: p.indexUrl,
    };
    return { plan: { ...base, alreadyApplied: false, steps, undo }, steps };
  },
  async prepareUndo(ctx, raw): Promise<Prepared> {
    const u = raw as Undo;
    if (!u.previous)
      throw new ConflictError(
        `${DIST} was not installed before: there is no earlier version to put back`,
      );
    const probe = await probeInside(ctx);
    const now = ok(probe.ort)?.version ?? null;
    const params = { version: u.previous, indexUrl: u.indexUrl };
    const base = {
      remedy: 'pin-ort' as const,
      mode: 'undo' as const,
      target: ctx.target,
      params,
      needsRestart: true,
      notices: [],
      undo: null,
      current: packageState(now),
      wanted: packageState(u.previous),
    };
    if (now === u.previous)
      return { plan: { ...base, alreadyApplied: true, steps: [] }, steps: [] };
    // The saved files put the old version back without any index; without them, pin it again from the index.
    if (u.backup && (await readContainerFile(ctx, u.backup)).exists) {
      const argv = [ENV_PYTHON, '-c', RESTORE_DIST, DIST, u.backup, u.previous];
      const steps: RunnableStep[] = [
        {
          id: 'restore',
          title: text('remedies.pin-ort.steps.restore', {
            dist: DIST,
            version: u.previous,
            path: u.backup,
          }),
          where: 'container',
          argv,
          timeoutMs: 300_000,
          durable: true,
          run: async (c) =>
            void (await c.inContainer(argv, {
              check: true,
              env: PIP_ENV,
              timeoutMs: 290_000,
              durable: true,
            })),
        },
      ];
      return { plan: { ...base, alreadyApplied: false, steps }, steps };
    }
    const steps = pinSteps(u.previous, u.indexUrl, `/var/tmp/dh-console-ort-${stamp()}`, now);
    return { plan: { ...base, alreadyApplied: false, steps }, steps };
  },
  async verify(ctx, plan) {
    const want = (plan.params as PinParams).version;
    const ort = ok((await probeInside(ctx, { sessionCheck: true })).ort);
    if (!ort)
      return {
        ok: false,
        detail: text('remedies.pin-ort.verify.unreadable'),
      };
    if (ort.importError)
      return {
        ok: false,
        detail: text('remedies.pin-ort.verify.importFails', { error: ort.importError }),
      };
    const providers: TextValue = ort.session?.providers?.join(', ') ?? {
      text: text('remedies.pin-ort.verify.noProviders', {
        error: ort.session?.error ?? { text: text('remedies.pin-ort.verify.noSession') },
      }),
    };
    const good = ort.version === want;
    return {
      ok: good,
      detail: text('remedies.pin-ort.verify.imports', {
        dist: DIST,
        version: String(ort.version),
        providers,
      }),
    };
  },
};

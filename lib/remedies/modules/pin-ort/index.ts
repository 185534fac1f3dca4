import { ConflictError } from '@/lib/errors';
import { checkOrtCompat } from '@/lib/diagnosis/compat';
import { ENV_PYTHON } from '@/lib/probes/container';
import { indexUrl, packageVersion } from '@/lib/validate/values';
import { readContainerFile } from '../../container-files';
import { ok, probeInside } from '../../probe';
import { DEFAULT_REMEDY_DEFAULTS, type RemedyDefaults } from '../../settings';
import type { Notice, Prepared, Remedy, RemedyContext, RunnableStep } from '../../types';
import { optionKeys } from '../../options';
import { bi, onlyKeys, valid } from '../common';
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
  const truth: Notice = {
    level: 'info',
    en: "Domain truth: the version number itself is not the cause of GPU 0 %; a version that does not match the container's CUDA/cuDNN makes ONNX Runtime fall back to the CPU.",
    zh: '领域事实：GPU 0% 的原因并非版本号本身；与容器 CUDA/cuDNN 不匹配的版本会使 ONNX Runtime 回退到 CPU。',
  };
  if (c.verdict === 'match') return [truth];
  const level = d.compatPolicy === 'block' && c.verdict === 'mismatch' ? 'block' : 'warn';
  const rec = c.recommended
    ? ` The version known to work with these libraries is ${c.recommended}.`
    : '';
  const recZh = c.recommended ? ` 与这些库匹配的已知可用版本为 ${c.recommended}。` : '';
  if (c.verdict === 'unknown')
    return [
      truth,
      {
        level: 'warn',
        en: `Cannot tell whether onnxruntime-gpu ${version} loads CUDA here (libraries found: ${libs}).${rec}`,
        zh: `无法判断 onnxruntime-gpu ${version} 能否在此加载 CUDA（已找到的库：${libs}）。${recZh}`,
      },
    ];
  if (c.verdict === 'feed_build_only')
    return [
      truth,
      {
        level: 'warn',
        en: `onnxruntime-gpu ${version} from PyPI is built for other CUDA/cuDNN than this container has (${libs}); only a separate feed has a matching build.${rec}`,
        zh: `PyPI 上的 onnxruntime-gpu ${version} 与本容器的 CUDA/cuDNN（${libs}）不匹配，只有单独的源提供匹配版本。${recZh}`,
      },
    ];
  return [
    truth,
    {
      level,
      en: `onnxruntime-gpu ${version} cannot load CUDA with this container's ${libs}: it would run on the CPU.${rec}`,
      zh: `onnxruntime-gpu ${version} 无法在本容器的 ${libs} 下加载 CUDA，将在 CPU 上运行。${recZh}`,
    },
  ];
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
      title: bi(
        `Download ${DIST} ${version}${index ? ` from ${index}` : " from the env's own index"}`,
        `下载 ${DIST} ${version}${index ? `（来自 ${index}）` : '（来自环境自身的索引）'}`,
      ),
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
        title: bi(
          `Save the installed ${DIST} ${previous} for an offline restore`,
          `保存已安装的 ${DIST} ${previous}，以便离线恢复`,
        ),
        where: 'container',
        argv: save,
        timeoutMs: 300_000,
        durable: true,
        run: run(save, 290_000),
      },
      {
        id: 'uninstall',
        title: bi(
          `pip uninstall -y ${DIST} (${previous})`,
          `pip uninstall -y ${DIST}（${previous}）`,
        ),
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
      title: bi(
        `pip install ${DIST}==${version} (the downloaded file)`,
        `pip install ${DIST}==${version}（使用已下载的文件）`,
      ),
      where: 'container',
      argv: install,
      timeoutMs: pipMs + 10_000,
      durable: true,
      run: run(install, pipMs),
      rollback: restore,
    },
    {
      id: 'clean',
      title: bi(
        'Remove the downloaded wheel (the backup stays for undo)',
        '删除已下载的安装包（保留备份以便撤销）',
      ),
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
    const indexName = {
      en: p.indexUrl ?? "the env's own index",
      zh: p.indexUrl ?? '环境自身的索引',
    };
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
                  en: `Could not list the versions on ${indexName.en}: ${listed.error}`,
                  zh: `无法列出${indexName.zh}上的版本：${listed.error}`,
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
      current: bi(
        `${DIST} ${previous ?? '(not installed)'}`,
        `${DIST} ${previous ?? '（未安装）'}`,
      ),
      wanted: bi(`${DIST} ${p.version}`, `${DIST} ${p.version}`),
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
      current: bi(`${DIST} ${now ?? '(not installed)'}`, `${DIST} ${now ?? '（未安装）'}`),
      wanted: bi(`${DIST} ${u.previous}`, `${DIST} ${u.previous}`),
    };
    if (now === u.previous)
      return { plan: { ...base, alreadyApplied: true, steps: [] }, steps: [] };
    // The saved files put the old version back without any index; without them, pin it again from the index.
    if (u.backup && (await readContainerFile(ctx, u.backup)).exists) {
      const argv = [ENV_PYTHON, '-c', RESTORE_DIST, DIST, u.backup, u.previous];
      const steps: RunnableStep[] = [
        {
          id: 'restore',
          title: bi(
            `Restore ${DIST} ${u.previous} from ${u.backup}`,
            `从 ${u.backup} 恢复 ${DIST} ${u.previous}`,
          ),
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
        detail: bi('could not read ONNX Runtime in the env', '无法读取环境中的 ONNX Runtime'),
      };
    if (ort.importError)
      return {
        ok: false,
        detail: bi(
          `import onnxruntime fails: ${ort.importError}`,
          `import onnxruntime 失败：${ort.importError}`,
        ),
      };
    const providers =
      ort.session?.providers?.join(', ') ?? `none (${ort.session?.error ?? 'no session'})`;
    const good = ort.version === want;
    return {
      ok: good,
      detail: bi(
        `${DIST} ${ort.version} imports; a new session uses ${providers}`,
        `${DIST} ${ort.version} 可导入；新会话使用 ${providers}`,
      ),
    };
  },
};

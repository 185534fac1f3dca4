import { ENV_PYTHON } from '@/lib/probes/container';
import {
  fileArgv,
  readContainerFile,
  removeContainerFiles,
  writeContainerFile,
} from '../container-files';
import { unifiedDiff } from '../diff';
import { ok, probeInside } from '../probe';
import type { Notice, Prepared, Remedy, RemedyContext, RunnableStep } from '../types';
import { optionKeys } from '../options';
import { bi, onlyKeys } from './common';

// ORT_PARALLEL=0 and OMP_WAIT_POLICY=ACTIVE for the service, lasting across restarts: a conda activation script of
// the `human` env. The service is started with `conda activate human`, which sources it, so the variables are in
// the process's environment (/proc/<pid>/environ, which the probe reads); an os.environ edit in app.py would not be.

const ENV_PREFIX = ENV_PYTHON.replace(/\/bin\/python$/, '');
const ACTIVATE = `${ENV_PREFIX}/etc/conda/activate.d/dh_console_ort_env.sh`;
const DEACTIVATE = `${ENV_PREFIX}/etc/conda/deactivate.d/dh_console_ort_env.sh`;
const TIMEOUT = 30_000;

const ACTIVATE_TEXT = `# Installed by DH Fleet Console (remedy "ort-env"); delete this file and its deactivate.d twin to undo.
# ORT_PARALLEL is not an ONNX Runtime environment variable and ONNX Runtime ignores OMP_* since 1.7: no known effect.
export ORT_PARALLEL=0
export OMP_WAIT_POLICY=ACTIVE
`;
const DEACTIVATE_TEXT = `# Installed by DH Fleet Console (remedy "ort-env").
unset ORT_PARALLEL
unset OMP_WAIT_POLICY
`;
const WANTED: [string, string][] = [
  [ACTIVATE, ACTIVATE_TEXT],
  [DEACTIVATE, DEACTIVATE_TEXT],
];

export const TRUTH: Notice = {
  level: 'info',
  en: 'Domain truth: ORT_PARALLEL is not an environment variable (it is a value of SessionOptions.execution_mode) and ONNX Runtime has ignored OMP_* variables since 1.7. This step is harmless but has no known effect on ONNX Runtime.',
  zh: '领域事实：ORT_PARALLEL 并不是环境变量（它是 SessionOptions.execution_mode 的取值），且 ONNX Runtime 自 1.7 起忽略 OMP_* 变量。此步骤无害，但对 ONNX Runtime 没有已知效果。',
};

interface Undo {
  files: { path: string; before: string | null }[];
}

async function readFiles(ctx: RemedyContext, paths: string[]): Promise<(string | null)[]> {
  return Promise.all(
    paths.map(async (p) => {
      const f = await readContainerFile(ctx, p);
      return f.exists ? f.text : null;
    }),
  );
}

/** Steps that make each file hold `text` (null: absent), each rolled back to what it held before. */
function fileSteps(
  files: { path: string; before: string | null; after: string | null }[],
): RunnableStep[] {
  const steps: RunnableStep[] = [];
  const dirs = [
    ...new Set(files.filter((f) => f.after !== null).map((f) => f.path.replace(/\/[^/]+$/, ''))),
  ];
  if (dirs.length) {
    steps.push({
      id: 'mkdir',
      title: bi('Create the activation directories', '创建激活脚本目录'),
      where: 'container',
      timeoutMs: TIMEOUT,
      argv: ['mkdir', '-p', ...dirs],
      run: async (ctx) => void (await ctx.inContainer(['mkdir', '-p', ...dirs], { check: true })),
    });
  }
  for (const f of files) {
    if (f.before === f.after) continue;
    const name = f.path.split('/').slice(-2).join('/');
    const put = (ctx: RemedyContext, text: string | null) =>
      text === null ? removeContainerFiles(ctx, [f.path]) : writeContainerFile(ctx, f.path, text);
    steps.push({
      id: `file:${name}`,
      title:
        f.after === null
          ? bi(`Remove ${name}`, `删除 ${name}`)
          : bi(`Write ${name}`, `写入 ${name}`),
      where: 'container',
      timeoutMs: TIMEOUT,
      argv: f.after === null ? fileArgv.remove(f.path) : fileArgv.write(f.path, f.after),
      diff: { path: f.path, unified: unifiedDiff(f.path, f.before ?? '', f.after ?? '') },
      run: (ctx) => put(ctx, f.after),
      rollback: (ctx) => put(ctx, f.before),
    });
  }
  return steps;
}

export const ortEnv: Remedy = {
  id: 'ort-env',
  params(raw) {
    onlyKeys(raw, optionKeys('ort-env'));
    return {};
  },
  async prepare(ctx): Promise<Prepared> {
    const [before, probe] = await Promise.all([
      readFiles(
        ctx,
        WANTED.map(([p]) => p),
      ),
      probeInside(ctx),
    ]);
    const env = ok(probe.service)?.env ?? {};
    const inService = env.ORT_PARALLEL === '0' && env.OMP_WAIT_POLICY === 'ACTIVE';
    const filesHold = WANTED.every(([, text], i) => before[i] === text);
    const base = {
      remedy: 'ort-env' as const,
      mode: 'apply' as const,
      target: ctx.target,
      params: {},
      needsRestart: true,
      notices: [TRUTH],
      current: bi(
        `service: ORT_PARALLEL=${env.ORT_PARALLEL ?? '(unset)'}, OMP_WAIT_POLICY=${env.OMP_WAIT_POLICY ?? '(unset)'}`,
        `服务：ORT_PARALLEL=${env.ORT_PARALLEL ?? '（未设置）'}，OMP_WAIT_POLICY=${env.OMP_WAIT_POLICY ?? '（未设置）'}`,
      ),
      wanted: bi(
        "ORT_PARALLEL=0, OMP_WAIT_POLICY=ACTIVE from the env's activation script",
        '通过环境激活脚本设置 ORT_PARALLEL=0、OMP_WAIT_POLICY=ACTIVE',
      ),
    };
    // Already in the service's environment (e.g. from `docker run -e`) or already installed: nothing to do.
    if (filesHold || inService)
      return { plan: { ...base, alreadyApplied: true, steps: [], undo: null }, steps: [] };
    const files = WANTED.map(([path, after], i) => ({ path, before: before[i]!, after }));
    const steps = fileSteps(files);
    const undo: Undo = { files: files.map(({ path, before: b }) => ({ path, before: b })) };
    return { plan: { ...base, alreadyApplied: false, steps, undo }, steps };
  },
  async prepareUndo(ctx, raw): Promise<Prepared> {
    const u = raw as Undo;
    const now = await readFiles(
      ctx,
      u.files.map((f) => f.path),
    );
    const files = u.files.map((f, i) => ({ path: f.path, before: now[i]!, after: f.before }));
    const steps = fileSteps(files).filter((s) => s.id !== 'mkdir');
    const base = {
      remedy: 'ort-env' as const,
      mode: 'undo' as const,
      target: ctx.target,
      params: { files: u.files },
      needsRestart: true,
      notices: [TRUTH],
      undo: null,
      current: bi('activation script installed', '已安装激活脚本'),
      wanted: bi('activation script as before', '激活脚本恢复原状'),
    };
    return { plan: { ...base, alreadyApplied: steps.length === 0, steps }, steps };
  },
  async verify(ctx, plan) {
    if (plan.mode === 'undo') {
      const files = (plan.params as unknown as Undo).files;
      const now = await readFiles(
        ctx,
        files.map((f) => f.path),
      );
      const same = files.every((f, i) => now[i] === f.before);
      return {
        ok: same,
        detail: same
          ? bi('activation scripts are as before', '激活脚本已恢复原状')
          : bi('activation scripts differ from before', '激活脚本与之前不同'),
      };
    }
    const now = await readFiles(
      ctx,
      WANTED.map(([p]) => p),
    );
    const filesOk = WANTED.every(([, text], i) => now[i] === text);
    const env = ok((await probeInside(ctx)).service)?.env ?? {};
    const live = env.ORT_PARALLEL === '0' && env.OMP_WAIT_POLICY === 'ACTIVE';
    return {
      ok: filesOk || live,
      detail: live
        ? bi(
            'the running service has ORT_PARALLEL=0 and OMP_WAIT_POLICY=ACTIVE',
            '运行中的服务已有 ORT_PARALLEL=0 与 OMP_WAIT_POLICY=ACTIVE',
          )
        : bi(
            `activation script ${filesOk ? 'installed' : 'MISSING'}; the service gets the variables when it is restarted`,
            `激活脚本${filesOk ? '已安装' : '缺失'}；服务重启后获得这些变量`,
          ),
    };
  },
};

import { text } from '@/lib/i18n/text';
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
import { onlyKeys } from './common';

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

export const TRUTH: Notice = { level: 'info', text: text('remedies.ort-env.notices.truth') };

const UNSET = { text: text('remedies.ort-env.unset') };

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
      title: text('remedies.ort-env.steps.mkdir'),
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
          ? text('remedies.ort-env.steps.remove', { name })
          : text('remedies.ort-env.steps.write', { name }),
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
      current: text('remedies.ort-env.current', {
        ortParallel: env.ORT_PARALLEL ?? UNSET,
        ompWaitPolicy: env.OMP_WAIT_POLICY ?? UNSET,
      }),
      wanted: text('remedies.ort-env.wanted'),
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
      current: text('remedies.ort-env.undo.current'),
      wanted: text('remedies.ort-env.undo.wanted'),
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
          ? text('remedies.ort-env.verify.asBefore')
          : text('remedies.ort-env.verify.differ'),
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
        ? text('remedies.ort-env.verify.live')
        : text(filesOk ? 'remedies.ort-env.verify.installed' : 'remedies.ort-env.verify.missing'),
    };
  },
};

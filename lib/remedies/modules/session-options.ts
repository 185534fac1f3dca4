import { readFileSync } from 'node:fs';
import path from 'node:path';
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
import type { RemedyDefaults } from '../settings';
import type { Notice, Prepared, Remedy, RemedyContext, RunnableStep } from '../types';
import { optionKeys } from '../options';
import { onlyKeys } from './common';

// The session options of the procedure for every InferenceSession, applied from outside because HeyGem makes its
// sessions in compiled modules: a start-up hook in the `human` env (module + JSON values + .pth that imports it)
// that adds the options wherever the caller gave none. Reversible: undo removes (or restores) the three files.

const HOOK = 'dh_console_session_options';
const TIMEOUT = 30_000;

let moduleText: string | null = null;
function hookModule(): string {
  if (moduleText === null) {
    try {
      moduleText = readFileSync(new URL(`../assets/${HOOK}.py`, import.meta.url), 'utf8');
    } catch {
      moduleText = readFileSync(
        path.resolve(process.cwd(), `lib/remedies/assets/${HOOK}.py`),
        'utf8',
      );
    }
  }
  return moduleText;
}

export function hookConfig(d: RemedyDefaults['sessionOptions']): string {
  return `${JSON.stringify(
    {
      intra_op_num_threads: d.intraOpNumThreads,
      inter_op_num_threads: d.interOpNumThreads,
      execution_mode: d.executionMode,
      cuda: {
        device_id: d.deviceId,
        arena_extend_strategy: d.arenaExtendStrategy,
        gpu_mem_limit: d.gpuMemLimitBytes,
        do_copy_in_default_stream: d.doCopyInDefaultStream,
      },
    },
    null,
    2,
  )}\n`;
}

const NOTICE: Notice = { level: 'info', text: text('remedies.session-options.notices.outside') };

async function sitePackages(ctx: RemedyContext): Promise<string> {
  const r = await ctx.inContainer(
    [
      ENV_PYTHON,
      '-c',
      'import sysconfig, json; print(json.dumps(sysconfig.get_paths()["purelib"]))',
    ],
    { check: true, onOutput: () => undefined },
  );
  return JSON.parse(r.stdout) as string;
}

const filesIn = (site: string) => ({
  module: `${site}/${HOOK}.py`,
  config: `${site}/${HOOK}.json`,
  pth: `${site}/${HOOK}.pth`,
});

interface FileState {
  path: string;
  before: string | null;
  after: string | null;
}

async function current(ctx: RemedyContext, paths: string[]): Promise<(string | null)[]> {
  return Promise.all(
    paths.map(async (p) => {
      const f = await readContainerFile(ctx, p);
      return f.exists ? f.text : null;
    }),
  );
}

function steps(files: FileState[]): RunnableStep[] {
  return files
    .filter((f) => f.before !== f.after)
    .map((f) => {
      const name = f.path.split('/').pop()!;
      const put = (ctx: RemedyContext, text: string | null) =>
        text === null ? removeContainerFiles(ctx, [f.path]) : writeContainerFile(ctx, f.path, text);
      return {
        id: `file:${name}`,
        title:
          f.after === null
            ? text('remedies.session-options.steps.remove', { name })
            : text('remedies.session-options.steps.write', { name }),
        where: 'container' as const,
        timeoutMs: TIMEOUT,
        argv: f.after === null ? fileArgv.remove(f.path) : fileArgv.write(f.path, f.after),
        diff: { path: f.path, unified: unifiedDiff(f.path, f.before ?? '', f.after ?? '') },
        run: (ctx: RemedyContext) => put(ctx, f.after),
        rollback: (ctx: RemedyContext) => put(ctx, f.before),
      };
    });
}

const truthy = (v: unknown) => ['1', 'true', 'True'].includes(String(v));

export const sessionOptions: Remedy = {
  id: 'session-options',
  params(raw) {
    onlyKeys(raw, optionKeys('session-options'));
    return {};
  },
  async prepare(ctx, _p, d): Promise<Prepared> {
    const f = filesIn(await sitePackages(ctx));
    // The .pth goes last so that the hook is only imported once its module and values are in place.
    const wanted: [string, string][] = [
      [f.module, hookModule()],
      [f.config, hookConfig(d.sessionOptions)],
      [f.pth, `import ${HOOK}\n`],
    ];
    const before = await current(
      ctx,
      wanted.map(([p]) => p),
    );
    const files = wanted.map(([p, after], i) => ({ path: p, before: before[i]!, after }));
    const s = steps(files);
    const base = {
      remedy: 'session-options' as const,
      mode: 'apply' as const,
      target: ctx.target,
      params: { options: d.sessionOptions },
      needsRestart: true,
      notices: [NOTICE],
      current: before.every((x) => x === null)
        ? text('remedies.session-options.current.none')
        : text('remedies.session-options.current.other'),
      wanted: text('remedies.session-options.wanted', {
        intra: d.sessionOptions.intraOpNumThreads,
        inter: d.sessionOptions.interOpNumThreads,
        mode: d.sessionOptions.executionMode,
        arena: d.sessionOptions.arenaExtendStrategy,
      }),
    };
    if (s.length === 0)
      return { plan: { ...base, alreadyApplied: true, steps: [], undo: null }, steps: [] };
    return {
      plan: {
        ...base,
        alreadyApplied: false,
        steps: s,
        undo: { files: files.map(({ path: p, before: b }) => ({ path: p, before: b })) },
      },
      steps: s,
    };
  },
  async prepareUndo(ctx, raw): Promise<Prepared> {
    const saved = (raw as { files: { path: string; before: string | null }[] }).files;
    // Remove the .pth first: the hook must never be imported while its module is half gone.
    const ordered = [...saved].reverse();
    const now = await current(
      ctx,
      ordered.map((f) => f.path),
    );
    const s = steps(ordered.map((f, i) => ({ path: f.path, before: now[i]!, after: f.before })));
    return {
      plan: {
        remedy: 'session-options',
        mode: 'undo',
        target: ctx.target,
        params: { files: saved },
        needsRestart: true,
        notices: [NOTICE],
        undo: null,
        alreadyApplied: s.length === 0,
        steps: s,
        current: text('remedies.session-options.undo.current'),
        wanted: text('remedies.session-options.undo.wanted'),
      },
      steps: s,
    };
  },
  async verify(ctx, plan) {
    const probe = await probeInside(ctx, { sessionCheck: true });
    const hook = ok(probe.hook);
    const session = ok(probe.ort)?.session;
    if (plan.mode === 'undo') {
      const saved = (plan.params as { files: { path: string; before: string | null }[] }).files;
      const now = await current(
        ctx,
        saved.map((f) => f.path),
      );
      const same = saved.every((f, i) => now[i] === f.before);
      return {
        ok: same,
        detail: same
          ? text(
              hook?.installed
                ? 'remedies.session-options.verify.asBeforeInstalled'
                : 'remedies.session-options.verify.asBeforeNotInstalled',
            )
          : text('remedies.session-options.verify.differ'),
      };
    }
    const want = (plan.params as { options: RemedyDefaults['sessionOptions'] }).options;
    const o = session?.options;
    if (!hook?.installed || !o)
      return {
        ok: false,
        detail: text(
          hook?.installed
            ? 'remedies.session-options.verify.notCheckedInstalled'
            : 'remedies.session-options.verify.notCheckedNotInstalled',
          {
            error: session?.error ?? { text: text('remedies.session-options.verify.noSession') },
          },
        ),
      };
    const cudaActive = session?.providers?.[0] === 'CUDAExecutionProvider';
    const threadsOk =
      o.intraOpNumThreads === want.intraOpNumThreads &&
      o.interOpNumThreads === want.interOpNumThreads &&
      o.executionMode === want.executionMode;
    const cudaOk =
      !cudaActive ||
      (String(o.cuda.device_id) === String(want.deviceId) &&
        o.cuda.arena_extend_strategy === want.arenaExtendStrategy &&
        String(o.cuda.gpu_mem_limit) === String(want.gpuMemLimitBytes) &&
        truthy(o.cuda.do_copy_in_default_stream) === want.doCopyInDefaultStream);
    const c = o.cuda;
    const gib = (v: unknown) => `${(Number(v) / 1024 ** 3).toFixed(1)} GiB`;
    const copy = truthy(c.do_copy_in_default_stream);
    const cuda = cudaActive
      ? text('remedies.session-options.verify.cuda', {
          device: String(c.device_id),
          arena: String(c.arena_extend_strategy),
          limit: gib(c.gpu_mem_limit),
          copy: {
            text: text(
              copy ? 'remedies.session-options.verify.on' : 'remedies.session-options.verify.off',
            ),
          },
        })
      : text('remedies.session-options.verify.cudaInactive');
    return {
      ok: threadsOk && cudaOk,
      detail: text('remedies.session-options.verify.session', {
        intra: o.intraOpNumThreads,
        inter: o.interOpNumThreads,
        mode: o.executionMode,
        cuda: { text: cuda },
      }),
    };
  },
};

import { APP_DIR } from '@/lib/probes/container';
import { integerInRange } from '@/lib/validate/values';
import {
  backupPath,
  copyContainerFile,
  fileArgv,
  readContainerFile,
  writeContainerFile,
} from '../container-files';
import { unifiedDiff } from '../diff';
import { readIniValue, setIniValue } from '../ini-edit';
import type { Prepared, Remedy, RemedyContext, RunnableStep } from '../types';
import { optionKeys } from '../options';
import { bi, onlyKeys, valid } from './common';

// [digital] batch_size in config/config.ini: one value changed, every other byte kept, a backup beside the file.

export const CONFIG_INI = `${APP_DIR}/config/config.ini`;
const TIMEOUT = 30_000;

interface Undo {
  path: string;
  previous: string | null;
  value: string;
  backup: string;
}

async function readConfig(ctx: RemedyContext): Promise<string> {
  const f = await readContainerFile(ctx, CONFIG_INI);
  if (!f.exists)
    throw new Error(
      `${CONFIG_INI} does not exist in this container: is it a HeyGem service container?`,
    );
  return f.text;
}

/** Plans writing `next` over `text` (after a backup), refusing to clobber a file that changed since the plan. */
function writeSteps(text: string, next: string, backup: string | null): RunnableStep[] {
  const steps: RunnableStep[] = [];
  if (backup) {
    steps.push({
      id: 'backup',
      title: bi(`Back up config.ini to ${backup}`, `备份 config.ini 到 ${backup}`),
      where: 'container',
      timeoutMs: TIMEOUT,
      argv: fileArgv.copy(CONFIG_INI, backup),
      run: (ctx) => copyContainerFile(ctx, CONFIG_INI, backup),
    });
  }
  steps.push({
    id: 'write',
    title: bi('Write config.ini', '写入 config.ini'),
    where: 'container',
    timeoutMs: TIMEOUT,
    argv: fileArgv.write(CONFIG_INI, next),
    diff: { path: CONFIG_INI, unified: unifiedDiff(CONFIG_INI, text, next) },
    run: async (ctx) => {
      if ((await readConfig(ctx)) !== text)
        throw new Error(`${CONFIG_INI} changed since the preview: preview again`);
      await writeContainerFile(ctx, CONFIG_INI, next);
    },
    rollback: async (ctx) => {
      if ((await readConfig(ctx)) === next) await writeContainerFile(ctx, CONFIG_INI, text);
    },
  });
  return steps;
}

export const batchSize: Remedy<{ batchSize: number }> = {
  id: 'batch-size',
  params(raw, d) {
    onlyKeys(raw, optionKeys('batch-size'));
    return {
      batchSize: valid(integerInRange('batchSize', raw.batchSize ?? d.batchSize, 1, 64)),
    };
  },
  async prepare(ctx, p): Promise<Prepared> {
    const text = await readConfig(ctx);
    const previous = readIniValue(text, 'digital', 'batch_size');
    const value = String(p.batchSize);
    const base = {
      remedy: 'batch-size' as const,
      mode: 'apply' as const,
      target: ctx.target,
      params: p,
      needsRestart: true,
      notices: [],
      current: bi(
        `batch_size = ${previous ?? '(not set)'}`,
        `batch_size = ${previous ?? '（未设置）'}`,
      ),
      wanted: bi(`batch_size = ${value}`, `batch_size = ${value}`),
    };
    if (previous === value)
      return { plan: { ...base, alreadyApplied: true, steps: [], undo: null }, steps: [] };
    const next = setIniValue(text, 'digital', 'batch_size', value).text;
    const backup = backupPath(CONFIG_INI);
    const steps = writeSteps(text, next, backup);
    const undo: Undo = { path: CONFIG_INI, previous, value, backup };
    return { plan: { ...base, alreadyApplied: false, steps, undo }, steps };
  },
  async prepareUndo(ctx, raw): Promise<Prepared> {
    const u = raw as Undo;
    const text = await readConfig(ctx);
    const now = readIniValue(text, 'digital', 'batch_size');
    const base = {
      remedy: 'batch-size' as const,
      mode: 'undo' as const,
      target: ctx.target,
      params: { batchSize: u.previous },
      needsRestart: true,
      notices: [],
      undo: null,
      current: bi(`batch_size = ${now ?? '(not set)'}`, `batch_size = ${now ?? '（未设置）'}`),
      wanted: bi(
        `batch_size = ${u.previous ?? '(not set)'}`,
        `batch_size = ${u.previous ?? '（未设置）'}`,
      ),
    };
    if (now === u.previous)
      return { plan: { ...base, alreadyApplied: true, steps: [] }, steps: [] };
    // The key was absent before: the backup holds the exact old bytes (used only if nothing else changed since).
    let next: string;
    if (u.previous === null) {
      const b = await readContainerFile(ctx, u.backup);
      if (!b.exists || setIniValue(b.text, 'digital', 'batch_size', u.value).text !== text) {
        throw new Error(
          `cannot undo exactly: ${CONFIG_INI} changed since (backup ${u.backup}); edit it by hand`,
        );
      }
      next = b.text;
    } else {
      next = setIniValue(text, 'digital', 'batch_size', u.previous).text;
    }
    const steps = writeSteps(text, next, null);
    return { plan: { ...base, alreadyApplied: false, steps }, steps };
  },
  async verify(ctx, plan) {
    // Plans stored before the option was named batchSize call it `value`.
    const p = plan.params as { batchSize?: number | string | null; value?: number | string | null };
    const given = p.batchSize !== undefined ? p.batchSize : (p.value ?? null);
    const want = given === null ? null : String(given);
    const now = readIniValue(await readConfig(ctx), 'digital', 'batch_size');
    const ok = now === want;
    return {
      ok,
      detail: bi(
        `config.ini has batch_size = ${now ?? '(not set)'}`,
        `config.ini 中 batch_size = ${now ?? '（未设置）'}`,
      ),
    };
  },
};

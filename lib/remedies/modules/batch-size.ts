import { text, type Text } from '@/lib/i18n/text';
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
import { onlyKeys, valid } from './common';

// [digital] batch_size in config/config.ini: one value changed, every other byte kept, a backup beside the file.

export const CONFIG_INI = `${APP_DIR}/config/config.ini`;
const TIMEOUT = 30_000;

/** The value as read from config.ini (kept as written), or "(not set)" in the reader's language. */
const iniValue = (v: string | null) => v ?? { text: text('remedies.batch-size.notSet') };
const state = (v: string | null): Text => text('remedies.batch-size.state', { value: iniValue(v) });

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

/** Plans writing `next` over `ini` (after a backup), refusing to clobber a file that changed since the plan. */
function writeSteps(ini: string, next: string, backup: string | null): RunnableStep[] {
  const steps: RunnableStep[] = [];
  if (backup) {
    steps.push({
      id: 'backup',
      title: text('remedies.batch-size.steps.backup', { path: backup }),
      where: 'container',
      timeoutMs: TIMEOUT,
      argv: fileArgv.copy(CONFIG_INI, backup),
      run: (ctx) => copyContainerFile(ctx, CONFIG_INI, backup),
    });
  }
  steps.push({
    id: 'write',
    title: text('remedies.batch-size.steps.write'),
    where: 'container',
    timeoutMs: TIMEOUT,
    argv: fileArgv.write(CONFIG_INI, next),
    diff: { path: CONFIG_INI, unified: unifiedDiff(CONFIG_INI, ini, next) },
    run: async (ctx) => {
      if ((await readConfig(ctx)) !== ini)
        throw new Error(`${CONFIG_INI} changed since the preview: preview again`);
      await writeContainerFile(ctx, CONFIG_INI, next);
    },
    rollback: async (ctx) => {
      if ((await readConfig(ctx)) === next) await writeContainerFile(ctx, CONFIG_INI, ini);
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
    const ini = await readConfig(ctx);
    const previous = readIniValue(ini, 'digital', 'batch_size');
    const value = String(p.batchSize);
    const base = {
      remedy: 'batch-size' as const,
      mode: 'apply' as const,
      target: ctx.target,
      params: p,
      needsRestart: true,
      notices: [],
      current: state(previous),
      wanted: state(value),
    };
    if (previous === value)
      return { plan: { ...base, alreadyApplied: true, steps: [], undo: null }, steps: [] };
    const next = setIniValue(ini, 'digital', 'batch_size', value).text;
    const backup = backupPath(CONFIG_INI);
    const steps = writeSteps(ini, next, backup);
    const undo: Undo = { path: CONFIG_INI, previous, value, backup };
    return { plan: { ...base, alreadyApplied: false, steps, undo }, steps };
  },
  async prepareUndo(ctx, raw): Promise<Prepared> {
    const u = raw as Undo;
    const ini = await readConfig(ctx);
    const now = readIniValue(ini, 'digital', 'batch_size');
    const base = {
      remedy: 'batch-size' as const,
      mode: 'undo' as const,
      target: ctx.target,
      params: { batchSize: u.previous },
      needsRestart: true,
      notices: [],
      undo: null,
      current: state(now),
      wanted: state(u.previous),
    };
    if (now === u.previous)
      return { plan: { ...base, alreadyApplied: true, steps: [] }, steps: [] };
    // The key was absent before: the backup holds the exact old bytes (used only if nothing else changed since).
    let next: string;
    if (u.previous === null) {
      const b = await readContainerFile(ctx, u.backup);
      if (!b.exists || setIniValue(b.text, 'digital', 'batch_size', u.value).text !== ini) {
        throw new Error(
          `cannot undo exactly: ${CONFIG_INI} changed since (backup ${u.backup}); edit it by hand`,
        );
      }
      next = b.text;
    } else {
      next = setIniValue(ini, 'digital', 'batch_size', u.previous).text;
    }
    const steps = writeSteps(ini, next, null);
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
      detail: text('remedies.batch-size.verify.detail', { value: iniValue(now) }),
    };
  },
};

'use client';

import type { RemedyDefaults } from '@/lib/remedies/settings';
import { formatBytes } from '@/lib/validate/values';
import { useI18n } from '../i18n-provider';
import { TextInput } from '../ui/field';

// Per-run overrides of the admin defaults; empty fields use the defaults (shown as placeholders). The server
// validates every value against its allow-list and answers with the field and the rule.

export interface OptionValues {
  version?: string;
  indexUrl?: string;
  size?: string;
  composeFile?: boolean;
  batchSize?: string;
  /** Runbook only: a short throughput test before and after. */
  test?: boolean;
}

/** The options a job takes, by job name (a remedy id or the runbook). */
export function optionsFor(job: string, o: OptionValues): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  const all = job === 'fix-queue-blocking';
  if ((all || job === 'pin-ort') && o.version) p.version = o.version;
  if ((all || job === 'pin-ort') && o.indexUrl) p.indexUrl = o.indexUrl;
  if ((all || job === 'shm') && o.size) p.size = o.size;
  if ((all || job === 'shm') && o.composeFile) p.composeFile = true;
  if (all && o.batchSize) p.batchSize = o.batchSize;
  if (all && o.test) p.test = true;
  if (job === 'batch-size' && o.batchSize) p.value = o.batchSize;
  return p;
}

export function RemedyOptions({
  values,
  onChange,
  defaults,
}: {
  values: OptionValues;
  onChange: (v: OptionValues) => void;
  defaults?: RemedyDefaults;
}) {
  const { t } = useI18n();
  const set = (k: keyof OptionValues) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...values, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  return (
    <details
      className="rounded border border-slate-200 px-3 py-2 text-sm"
      data-testid="remedy-options"
    >
      <summary className="cursor-pointer text-slate-700">{t('jobs.panel.options')}</summary>
      <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        <label className="space-y-1">
          <span className="text-xs text-slate-500">{t('jobs.panel.version')}</span>
          <TextInput
            name="version"
            value={values.version ?? ''}
            placeholder={defaults?.ortVersion}
            onChange={set('version')}
          />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-500">{t('jobs.panel.indexUrl')}</span>
          <TextInput
            name="indexUrl"
            value={values.indexUrl ?? ''}
            placeholder={defaults?.indexUrl ?? ''}
            onChange={set('indexUrl')}
          />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-500">{t('jobs.panel.size')}</span>
          <TextInput
            name="size"
            value={values.size ?? ''}
            placeholder={defaults ? formatBytes(defaults.shmSizeBytes) : ''}
            onChange={set('size')}
          />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-500">{t('jobs.panel.batchSize')}</span>
          <TextInput
            name="batchSize"
            value={values.batchSize ?? ''}
            placeholder={defaults ? String(defaults.batchSize) : ''}
            onChange={set('batchSize')}
          />
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={values.composeFile ?? false}
            onChange={set('composeFile')}
          />
          <span>{t('jobs.panel.composeFile')}</span>
        </label>
      </div>
    </details>
  );
}

'use client';

import { ALL_OPTIONS, type OptionKey, optionsOfJob } from '@/lib/remedies/options';
import type { RemedyDefaults } from '@/lib/remedies/settings';
import { useI18n } from '../i18n-provider';
import { TextInput } from '../ui/field';

// Per-run overrides of the admin defaults; empty fields use the defaults (shown as placeholders). The fields are the
// remedies' own options (lib/remedies/options.ts); the server validates each and answers with the field and the rule.

export type OptionValues = Partial<Record<OptionKey, string | boolean>> & {
  /** Runbook only: a short throughput test before and after. */
  test?: boolean;
};

/** The options a job takes, by job name (a remedy id or the runbook), from what the form holds. */
export function optionsFor(job: string, o: OptionValues): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const opt of optionsOfJob(job)) {
    const v = o[opt.key];
    if (opt.kind === 'flag' ? v === true : typeof v === 'string' && v !== '') p[opt.key] = v;
  }
  if (optionsOfJob(job) === ALL_OPTIONS && o.test) p.test = true;
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
  const set = (k: OptionKey) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...values, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  return (
    <details
      className="rounded border border-slate-200 px-3 py-2 text-sm"
      data-testid="remedy-options"
    >
      <summary className="cursor-pointer text-slate-700">{t('jobs.panel.options')}</summary>
      <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {ALL_OPTIONS.map((o) =>
          o.kind === 'flag' ? (
            <label key={o.key} className="flex items-center gap-2">
              <input
                type="checkbox"
                name={o.key}
                checked={values[o.key] === true}
                onChange={set(o.key)}
              />
              <span>{t(o.label)}</span>
            </label>
          ) : (
            <label key={o.key} className="space-y-1">
              <span className="text-xs text-slate-500">{t(o.label)}</span>
              <TextInput
                name={o.key}
                value={String(values[o.key] ?? '')}
                placeholder={defaults && o.placeholder ? o.placeholder(defaults) : ''}
                onChange={set(o.key)}
              />
            </label>
          ),
        )}
      </div>
    </details>
  );
}

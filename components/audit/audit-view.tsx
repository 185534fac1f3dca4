'use client';

import { useClock } from '../common/use-clock';
import { useState } from 'react';
import type { AuditEntry } from '@/lib/audit/log';
import { ApiError } from '@/lib/swr/fetch-json';
import { type AuditFilter, useAudit } from '@/lib/swr/use-audit';
import { useErrorText } from '../error-text';
import { Badge, type Tone } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, PageHeader } from '../ui/card';
import { Field, Select, TextInput } from '../ui/field';
import { Notice } from '../ui/notice';

const RESULT_TONE: Record<AuditEntry['result'], Tone> = {
  started: 'slate',
  ok: 'green',
  error: 'red',
  denied: 'amber',
};

/** An entry's arguments as "name: value" lines (nested values compact); long values cut, whole in the tooltip. */
function Args({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null;
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const pairs =
    typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
      : [['', value] as [string, unknown]];
  return (
    <dl className="max-w-md font-mono text-[11px] text-slate-500" data-testid="audit-args" data-raw>
      {pairs.map(([k, v]) => (
        <div key={k} className="flex gap-1" title={show(v)}>
          {k && <dt className="shrink-0 text-slate-400">{k}:</dt>}
          <dd className="truncate">{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

const FAMILIES = ['', 'auth.', 'user.', 'host.', 'job.', 'throughput.', 'remedies.', 'settings.'];

function Filters({ value, onChange }: { value: AuditFilter; onChange: (f: AuditFilter) => void }) {
  const { t } = useErrorText();
  const set = (key: keyof AuditFilter, v: string) =>
    onChange({ ...value, [key]: v, before: undefined });
  return (
    <div className="grid grid-cols-1 gap-3 p-3 sm:grid-cols-3" data-testid="audit-filters">
      <Field name="action" label={t('audit.filters.action')}>
        <Select value={value.action ?? ''} onChange={(e) => set('action', e.target.value)}>
          {FAMILIES.map((f) => (
            <option key={f} value={f}>
              {t(`audit.families.${f ? f.slice(0, -1) : 'all'}` as 'audit.families.all')}
            </option>
          ))}
        </Select>
      </Field>
      <Field name="actor" label={t('audit.filters.actor')}>
        <TextInput value={value.actor ?? ''} onChange={(e) => set('actor', e.target.value)} />
      </Field>
      <Field name="target" label={t('audit.filters.target')} hint={t('audit.filters.targetHint')}>
        <TextInput value={value.target ?? ''} onChange={(e) => set('target', e.target.value)} />
      </Field>
    </div>
  );
}

/** Read-only: there is no control here (or anywhere) that edits or deletes an entry. */
export function AuditView() {
  const clock = useClock();
  const { t, summary } = useErrorText();
  const [filter, setFilter] = useState<AuditFilter>({});
  const { data, error } = useAudit(filter);
  const entries = data?.entries ?? [];
  const th = 'px-3 py-2 text-left text-xs font-medium text-slate-500';

  return (
    <div className="space-y-4">
      <PageHeader title={t('audit.title')} subtitle={t('audit.intro')} />
      <Card>
        <Filters value={filter} onChange={setFilter} />
      </Card>
      {error && (
        <Notice tone="error">
          {error instanceof ApiError ? summary(error.error) : t('errors.network')}
        </Notice>
      )}
      <Card className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th className={th}>{t('audit.time')}</th>
              <th className={th}>{t('audit.actor')}</th>
              <th className={th}>{t('audit.ip')}</th>
              <th className={th}>{t('audit.action')}</th>
              <th className={th}>{t('audit.target')}</th>
              <th className={th}>{t('audit.result')}</th>
              <th className={th}>{t('audit.args')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr
                key={e.seq}
                data-testid="audit-row"
                data-action={e.action}
                className="border-b border-slate-100 align-top last:border-0"
              >
                <td
                  className="px-3 py-1.5 whitespace-nowrap tabular-nums text-xs text-slate-600"
                  title={e.at}
                >
                  {clock.iso(e.at)}
                </td>
                <td className="px-3 py-1.5 text-xs">
                  {e.actor.id
                    ? e.actor.name
                    : e.actor.via === 'cli'
                      ? t('audit.localAdmin')
                      : t('audit.anonymous')}
                  <span className="ml-1 text-slate-400">({e.actor.via})</span>
                </td>
                <td className="px-3 py-1.5 font-mono text-xs text-slate-500">
                  {e.actor.ip ?? t('common.none')}
                </td>
                <td className="px-3 py-1.5 font-mono text-xs text-slate-800">{e.action}</td>
                <td
                  className="px-3 py-1.5 text-xs text-slate-700"
                  title={e.target ?? undefined}
                  data-testid="audit-target"
                >
                  {e.targetName ?? t('common.none')}
                </td>
                <td className="px-3 py-1.5">
                  <Badge tone={RESULT_TONE[e.result]}>{t(`audit.results.${e.result}`)}</Badge>
                  {e.error && (
                    <span className="mt-0.5 block min-w-[14rem] max-w-sm text-[11px] text-red-700">
                      {e.error}
                    </span>
                  )}
                </td>
                <td className="px-3 py-1.5">
                  <Args value={e.args} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && entries.length === 0 && (
          <p className="p-6 text-center text-slate-500">{t('audit.empty')}</p>
        )}
      </Card>
      {entries.length >= 100 && (
        <Button onClick={() => setFilter({ ...filter, before: entries[entries.length - 1]?.seq })}>
          {t('audit.more')}
        </Button>
      )}
    </div>
  );
}

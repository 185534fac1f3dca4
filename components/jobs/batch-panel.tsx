'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { REMEDY_ORDER, remedyTitle, RUNBOOK_TITLE } from '@/lib/diagnosis/remedies';
import type { BatchView } from '@/lib/jobs/batch';
import { ApiError, fetchJson } from '@/lib/swr/fetch-json';
import { postJson } from '@/lib/swr/post-json';
import { useHealth } from '@/lib/swr/use-health';
import { useErrorText } from '../error-text';
import { useI18n } from '../i18n-provider';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { Select, TextInput } from '../ui/field';
import { Notice } from '../ui/notice';
import { JobStatusBadge } from './job-status-badge';
import { useText } from '../common/use-text';

// Fleet batch: pick containers (or all blocking ones), a remedy or the runbook, and a bound on parallel jobs.
export function BatchPanel() {
  const { t } = useI18n();
  const tx = useText();
  const { summary } = useErrorText();
  const { data: health } = useHealth();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [name, setName] = useState('fix-queue-blocking');
  const [parallel, setParallel] = useState('3');
  const [batchId, setBatchId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data: batch } = useSWR<{ batch: BatchView }>(
    batchId ? `/api/jobs/batch/${batchId}` : null,
    fetchJson,
    { refreshInterval: (d) => (d?.batch.status === 'running' ? 2_000 : 0) },
  );
  const rows = health?.containers ?? [];
  const key = (r: { hostId: string; name: string }) => `${r.hostId}/${r.name}`;
  const toggle = (k: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  async function start() {
    setError(null);
    const targets = rows
      .filter((r) => selected.has(key(r)))
      .map((r) => ({ hostId: r.hostId, container: r.name }));
    if (targets.length === 0) return setError(t('jobs.batch.none'));
    try {
      const r = await postJson<{ batch: BatchView }>('/api/jobs/batch', {
        name,
        targets,
        parallel: Number(parallel),
      });
      setBatchId(r.batch.id);
    } catch (e) {
      setError(
        e instanceof ApiError
          ? summary(e.error) +
              (e.error.fields ?? []).map((f) => ` ${f.field}: ${f.message}`).join('')
          : String(e),
      );
    }
  }
  const b = batch?.batch;
  return (
    <Card testId="batch-panel">
      <div className="space-y-3 p-4 text-sm">
        <div>
          <h2 className="font-semibold">{t('jobs.batch.title')}</h2>
          <p className="text-slate-500">{t('jobs.batch.intro')}</p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <label className="space-y-1">
            <span className="block text-xs text-slate-500">{t('jobs.batch.job')}</span>
            <Select name="batch-job" value={name} onChange={(e) => setName(e.target.value)}>
              <option value="fix-queue-blocking">{tx(RUNBOOK_TITLE)}</option>
              {REMEDY_ORDER.map((id) => (
                <option key={id} value={id}>
                  {tx(remedyTitle(id))}
                </option>
              ))}
            </Select>
          </label>
          <label className="space-y-1">
            <span className="block text-xs text-slate-500">{t('jobs.batch.parallel')}</span>
            <TextInput
              name="parallel"
              className="w-20"
              value={parallel}
              onChange={(e) => setParallel(e.target.value)}
            />
          </label>
          <Button
            onClick={() =>
              setSelected(new Set(rows.filter((r) => r.health === 'blocking').map(key)))
            }
            data-testid="batch-select-blocking"
          >
            {t('jobs.batch.onlyBlocking')}
          </Button>
          <Button variant="primary" onClick={start} data-testid="batch-start">
            {t('jobs.batch.start', { count: selected.size })}
          </Button>
        </div>
        <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {rows.map((r) => (
            <li key={key(r)}>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={selected.has(key(r))}
                  onChange={() => toggle(key(r))}
                  data-testid={`batch-pick-${r.name}`}
                />
                <span>
                  {r.hostName}/{r.name}
                </span>
                <span className="text-xs text-slate-500">
                  {r.health ? t(`health.states.${r.health}`) : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {error && <Notice tone="error">{error}</Notice>}
        {b && (
          <div data-testid="batch-status" data-status={b.status}>
            <p>
              {t('jobs.batch.status', {
                id: b.id,
                status: t(`jobs.batch.statuses.${b.status}`),
                ok: b.summary.succeeded,
                failed: b.summary.failed,
                skipped: b.summary.skipped,
              })}
            </p>
            <ul>
              {b.summary.entries.map((e) => (
                <li key={`${e.hostId}/${e.container}`} className="flex items-center gap-2">
                  <span>{e.container}</span>
                  {e.status === 'skipped' || e.status === 'refused' ? (
                    <span className="text-xs text-slate-500">
                      {t(`jobs.batch.statuses.${e.status}`)}
                    </span>
                  ) : (
                    <JobStatusBadge status={e.status} />
                  )}
                  {e.jobId && (
                    <a
                      className="text-xs text-sky-700 hover:underline"
                      href={`/activity/${e.jobId}`}
                    >
                      {e.jobId}
                    </a>
                  )}
                  {e.error && <span className="text-xs text-red-700">{e.error}</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}

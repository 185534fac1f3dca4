'use client';

import { useClock } from '../common/use-clock';
import Link from 'next/link';
import { useState } from 'react';
import type { RunView as Run } from '@/lib/throughput';
import { useThroughputRun } from '@/lib/swr/use-throughput';
import type { SignatureId } from '@/lib/diagnosis/signatures';
import { useDiagnosisText } from '../health/diagnosis-text';
import { useText } from '../common/use-text';
import { useI18n } from '../i18n-provider';
import { Button } from '../ui/button';
import { Card, PageHeader } from '../ui/card';
import { Notice } from '../ui/notice';
import { postJson } from '@/lib/swr/post-json';
import { CompareChart } from './compare-chart';
import { StatusBadge } from './status-badge';

const sec = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : (ms / 1000).toFixed(1);

function StateLine({ run }: { run: Run }) {
  const { t } = useI18n();
  const s = run.detail.state;
  if (!s) return null;
  const u = t('throughput.run.unknown');
  return (
    <p className="text-sm" data-testid="tp-state">
      {t('throughput.run.stateLine', {
        ort: s.ortVersion ?? u,
        providers: s.sessionProviders?.join(', ') ?? u,
        shm: s.shmBytes === null ? u : `${Math.round(s.shmBytes / 1048576)} MiB`,
        batch: s.batchSize ?? u,
        hook:
          s.hookInstalled === null
            ? u
            : t(s.hookInstalled ? 'throughput.run.yes' : 'throughput.run.no'),
      })}
    </p>
  );
}

export function RunView({ id, canRun }: { id: string; canRun: boolean }) {
  const clock = useClock();
  const { t, locale } = useI18n();
  const { signature } = useDiagnosisText();
  const { data, mutate } = useThroughputRun(id);
  const [cancelling, setCancelling] = useState(false);
  const say = useText();
  if (!data) return <p>{t('common.loading')}</p>;
  const { run, comparison } = data;
  const d = run.detail;
  const f = d.figures;
  const verdict = comparison?.verdict ?? d.verdict;
  return (
    <div className="space-y-4">
      <Link href="/throughput" className="text-sm text-sky-700">
        {t('throughput.run.back')}
      </Link>
      <PageHeader
        title={t('throughput.run.title', { container: run.container })}
        subtitle={t('throughput.run.startedBy', {
          time: clock.iso(run.startedAt),
          actor: run.actor,
        })}
        actions={
          <>
            <StatusBadge status={run.status} />
            {canRun && run.status === 'running' && (
              <Button
                variant="danger"
                disabled={cancelling}
                onClick={() => {
                  setCancelling(true);
                  void postJson(`/api/throughput/runs/${id}/cancel`, {}).finally(
                    () => void mutate(),
                  );
                }}
              >
                {t('throughput.run.cancel')}
              </Button>
            )}
          </>
        }
      />
      {run.jobId && (
        <p className="text-sm" data-testid="tp-job-link">
          {t('throughput.run.ofJob')}{' '}
          <Link
            className="text-sky-700 hover:underline"
            href={`/activity/${encodeURIComponent(run.jobId)}`}
          >
            {run.jobId}
          </Link>
        </p>
      )}
      <p data-testid="tp-progress" className="text-sm">
        {t('throughput.run.progress', { done: d.jobs.length, total: run.jobs })}
        {(d.running?.length ?? 0) > 0 &&
          ` · ${t('throughput.run.runningNow', { count: d.running!.length })}`}
      </p>
      {run.error && (
        <Notice tone="error" testId="tp-error">
          {run.error}
        </Notice>
      )}
      {verdict && (
        <Notice tone={verdict.fixed ? 'success' : 'error'} testId="tp-verdict">
          {say(verdict)}
        </Notice>
      )}
      <Card className="p-4">
        <h2 className="mb-1 font-semibold">{t('throughput.run.state')}</h2>
        <StateLine run={run} />
      </Card>
      <Card className="p-4" testId="tp-jobs">
        <h2 className="mb-2 font-semibold">{t('throughput.run.jobsTitle')}</h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-slate-500">
              {(['job', 'result', 'wait', 'processing', 'total', 'output'] as const).map((k) => (
                <th key={k}>{t(`throughput.run.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(d.running ?? []).map((j) => (
              <tr
                key={`r${j.index}`}
                className="border-t border-slate-200"
                data-testid="tp-job-running"
              >
                <td>{j.index + 1}</td>
                <td className="text-sky-700" colSpan={5}>
                  {t('throughput.run.jobRunning', { since: clock.iso(j.startedAt) })}
                </td>
              </tr>
            ))}
            {d.jobs.map((j) => (
              <tr
                key={j.index}
                className="border-t border-slate-200 align-top"
                data-testid="tp-job"
              >
                <td>{j.index + 1}</td>
                <td className={j.ok ? 'text-emerald-700' : 'text-red-700'}>
                  {j.ok
                    ? t('throughput.run.ok')
                    : `${t('throughput.run.failed')}: ${j.error ?? ''}`}
                </td>
                <td>{sec(j.queueWaitMs)}</td>
                <td>{sec(j.processingMs)}</td>
                <td>{sec(j.totalMs)}</td>
                <td>
                  {j.output && (
                    // biome-ignore lint/a11y/useMediaCaption: a test run's output video has no captions to give
                    <video
                      data-testid="tp-video"
                      controls
                      preload="metadata"
                      width={200}
                      src={`/api/throughput/runs/${run.id}/outputs/${j.output}`}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {f && (
        <Card className="p-4" testId="tp-figures">
          <h2 className="mb-2 font-semibold">{t('throughput.run.figures')}</h2>
          <dl className="grid grid-cols-2 gap-1 text-sm sm:grid-cols-4">
            <dt>{t('throughput.run.successRate')}</dt>
            <dd>
              {f.succeeded}/{f.jobs}
            </dd>
            <dt>{t('throughput.run.mean')}</dt>
            <dd>{sec(f.meanJobMs)}</dd>
            <dt>{t('throughput.run.p95')}</dt>
            <dd>{sec(f.p95JobMs)}</dd>
            <dt>{t('throughput.run.perMinute')}</dt>
            <dd>{f.jobsPerMinute}</dd>
            <dt>{t('throughput.run.gpu')}</dt>
            <dd>
              {f.gpuUtilMean ?? '—'} / {f.gpuUtilMax ?? '—'} %
            </dd>
            <dt>{t('throughput.run.queueFull')}</dt>
            <dd>{f.queueFullHits}</dd>
            <dt>{t('throughput.run.signatures')}</dt>
            <dd>
              {Object.entries(d.signatures)
                .map(([k, v]) =>
                  t('throughput.run.signatureCount', {
                    title: signature(k as SignatureId),
                    count: v?.count ?? 0,
                  }),
                )
                .join(locale === 'zh-CN' ? '；' : ', ') || t('throughput.run.noSignatures')}
            </dd>
          </dl>
          {d.gpuNote && (
            <p className="text-xs text-slate-500">
              {t('throughput.run.gpuNote', { note: d.gpuNote })}
            </p>
          )}
        </Card>
      )}
      {run.status !== 'running' && (
        <Card className="p-4" testId="tp-compare">
          <h2 className="mb-2 font-semibold">{t('throughput.run.compare')}</h2>
          {comparison ? (
            <>
              <p className="text-xs text-slate-500">{t('throughput.run.chart')}</p>
              <CompareChart
                testId="tp-chart"
                bars={[
                  {
                    label: t('throughput.run.before'),
                    value: (comparison.before.meanJobMs ?? comparison.before.meanAllMs ?? 0) / 1000,
                    note: `${comparison.before.succeeded}/${comparison.before.jobs}`,
                    colour: '#f87171',
                  },
                  {
                    label: t('throughput.run.after'),
                    value:
                      comparison.after.meanJobMs === null
                        ? null
                        : comparison.after.meanJobMs / 1000,
                    note: `${comparison.after.succeeded}/${comparison.after.jobs}`,
                    colour: '#34d399',
                  },
                ]}
              />
            </>
          ) : (
            <p className="text-sm text-slate-500">{t('throughput.run.noBefore')}</p>
          )}
        </Card>
      )}
    </div>
  );
}

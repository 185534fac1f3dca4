'use client';

import { formatBytes } from '@/lib/diagnosis/facts';
import type { ContainerReport } from '@/lib/probes/container';
import { ok } from '@/lib/probes/types';
import { useI18n } from '../i18n-provider';
import { Card } from '../ui/card';
import { formatUptime } from '../fleet/uptime';

/** The current values the diagnosis reasons from, one row each; `data-value` holds the raw value for tests and copy. */
export function ProbeValues({ report }: { report: ContainerReport }) {
  const { t } = useI18n();
  const f = report.facts;
  const service = ok(report.probe?.service);
  // A value the probe could not read says why (the container is not running, the host does not answer, ...).
  const failed = report.errors.find((e) => e.part === 'probe' || e.part === 'inspect');
  const unknown = failed
    ? t('health.values.notRead', { why: t(`health.issues.${failed.kind}`) })
    : t('health.values.unknown');
  const gpuText =
    f.gpuAvailable === false
      ? t('health.values.noNvidiaSmi')
      : f.gpuUtilPct === null
        ? unknown
        : report.gpu && report.gpu.pids.length === 0
          ? t('health.values.noGpuProcess')
          : `${f.gpuUtilPct} %`;
  const join = (xs: readonly (string | number)[] | null | undefined) =>
    xs?.length ? xs.join(', ') : unknown;
  const rows: [string, string, string][] = [
    ['ort', t('health.values.ort'), f.ortVersion ?? unknown],
    ['providers', t('health.values.providers'), join(f.sessionProviders)],
    ['available', t('health.values.available'), join(f.availableProviders)],
    [
      'cuda',
      t('health.values.cudaLibs'),
      `CUDA ${join(f.cudaMajors)} / cuDNN ${join(f.cudnnMajors)}`,
    ],
    ['shm', t('health.values.shm'), f.shmBytes === null ? unknown : formatBytes(f.shmBytes)],
    [
      'shmDocker',
      t('health.values.shmDocker'),
      report.details?.shmSizeBytes == null ? unknown : formatBytes(report.details.shmSizeBytes),
    ],
    ['gpu', t('health.values.gpu'), gpuText],
    [
      'gpuMem',
      t('health.values.gpuMem'),
      report.gpu?.available ? `${report.gpu.memUsedMiB} MiB` : unknown,
    ],
    ['batch', t('health.values.batch'), f.batchSize === null ? unknown : String(f.batchSize)],
    [
      'service',
      t('health.values.service'),
      service?.running
        ? t('health.values.running', {
            pid: service.pid ?? '?',
            uptime: formatUptime((service.startedAt ?? 0) * 1000, Date.now(), t) ?? '?',
          })
        : service
          ? t('health.values.notRunning')
          : unknown,
    ],
    [
      'port',
      t('health.values.port'),
      f.portAnswers === null
        ? unknown
        : t(f.portAnswers ? 'health.values.answers' : 'health.values.down', {
            port: f.port ?? '?',
          }),
    ],
    ['queue', t('health.values.queue'), f.queueSize === null ? unknown : String(f.queueSize)],
    [
      'env',
      t('health.values.env'),
      f.env ? `${f.env.ORT_PARALLEL ?? '—'} / ${f.env.OMP_WAIT_POLICY ?? '—'}` : unknown,
    ],
    [
      'hook',
      t('health.values.hook'),
      f.hookInstalled === null
        ? unknown
        : t(f.hookInstalled ? 'health.values.installed' : 'health.values.notInstalled'),
    ],
  ];
  if (report.compose) {
    const c = report.compose;
    rows.push([
      'compose',
      t('health.values.compose'),
      t('health.values.composeValue', {
        project: c.project,
        service: c.service ?? '?',
        shm: c.shmSizeInFile ?? '—',
      }),
    ]);
  }
  return (
    <Card className="p-4" testId="probe-values">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">{t('health.container.values')}</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([key, label, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd
              className="font-mono text-slate-900"
              data-testid={`value-${key}`}
              data-value={value}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

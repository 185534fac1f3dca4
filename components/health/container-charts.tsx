'use client';

import { useState } from 'react';
import type { ContainerReport } from '@/lib/probes/container';
import type { SeriesRange } from '@/lib/health/service';
import type { MessageKey } from '@/lib/i18n/translate';
import { useContainerSeries } from '@/lib/swr/use-container';
import { useClock } from '../common/use-clock';
import { useI18n } from '../i18n-provider';
import { Card } from '../ui/card';
import { TimeChart } from './svg-chart';

const RANGES: SeriesRange[] = ['1h', '6h', '24h', '7d', '30d'];

/** Why a GPU chart has no line: the host has no nvidia-smi, the container no GPU process, or no round stored yet. */
function noGpuReason(report: ContainerReport | undefined): MessageKey {
  if (report?.gpu && !report.gpu.available) return 'health.values.noNvidiaSmi';
  if (report?.gpu && report.gpu.pids.length === 0) return 'health.values.noGpuProcess';
  return 'health.values.noSampleYet';
}

/** GPU utilisation and queue-full events over time, from the stored samples (minutes, or hours for long ranges). */
export function ContainerCharts({
  hostId,
  name,
  report,
}: {
  hostId: string;
  name: string;
  report?: ContainerReport;
}) {
  const { t } = useI18n();
  const clock = useClock();
  const [range, setRange] = useState<SeriesRange>('1h');
  const { data } = useContainerSeries(hostId, name, range);
  const points = data?.points ?? [];
  const gpu = points.map((p) => ({ t: p.t, v: p.gpuUtil }));
  const withGpu = points.filter((p) => p.gpuUtil !== null);
  const peak = Math.max(0, ...withGpu.map((p) => p.gpuUtilMax ?? p.gpuUtil ?? 0));
  const mean = withGpu.length
    ? Math.round(withGpu.reduce((n, p) => n + (p.gpuUtil ?? 0), 0) / withGpu.length)
    : null;
  const step = data?.stepS ?? 60;
  return (
    <Card className="p-4" testId="charts">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">{t('health.container.charts')}</h2>
        <span className="text-xs text-slate-500" data-testid="chart-zone">
          {t('health.container.chartZone', { zone: clock.zone })}
        </span>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, named; a fieldset would bring form semantics */}
        <div className="flex gap-1" role="group" aria-label={t('health.container.range')}>
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              data-testid={`range-${r}`}
              onClick={() => setRange(r)}
              className={`rounded px-2 py-0.5 text-xs ${r === range ? 'bg-slate-800 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
            >
              {r}
            </button>
          ))}
        </div>
      </div>
      {data && points.length === 0 && (
        <p className="text-sm text-slate-500">{t('health.container.noSamples')}</p>
      )}
      {data && points.length > 0 && (
        <div className="grid gap-4 md:grid-cols-2">
          <figure>
            <figcaption className="mb-1 flex justify-between text-xs text-slate-600">
              <span>{t('health.container.gpuChart')}</span>
              <span data-testid="gpu-summary">
                {mean === null
                  ? t('health.container.noGpuSamples', { why: t(noGpuReason(report)) })
                  : t('health.container.gpuSummary', { mean, peak })}
              </span>
            </figcaption>
            <TimeChart
              points={gpu}
              from={data.fromS}
              to={data.toS}
              step={step}
              max={100}
              kind="line"
              colour="#0284c7"
              testId="chart-gpu"
              unit="%"
              label={clock.axis}
            />
          </figure>
          <figure>
            <figcaption className="mb-1 flex justify-between gap-2 text-xs text-slate-600">
              <span>
                {t('health.container.queueChart', {
                  step: t(step >= 3600 ? 'health.container.hour' : 'health.container.minute'),
                })}
              </span>
              <span>
                <span data-testid="queue-full-total" data-value={data.queueFullTotal}>
                  {t('health.container.total', { value: data.queueFullTotal })}
                </span>
                {' · '}
                <span
                  data-testid="queue-full-window"
                  data-value={data.windowEvents.queue_full ?? 0}
                >
                  {t('health.container.windowEvents', { count: data.windowEvents.queue_full ?? 0 })}
                </span>
              </span>
            </figcaption>
            <TimeChart
              points={points.map((p) => ({ t: p.t, v: p.queueFull }))}
              from={data.fromS}
              to={data.toS}
              step={step}
              kind="bars"
              colour="#dc2626"
              testId="chart-queue-full"
              label={clock.axis}
            />
          </figure>
        </div>
      )}
    </Card>
  );
}

'use client';

import { useState } from 'react';
import type { SeriesRange } from '@/lib/health/service';
import { useContainerSeries } from '@/lib/swr/use-container';
import { useI18n } from '../i18n-provider';
import { Card } from '../ui/card';
import { TimeChart } from './svg-chart';

const RANGES: SeriesRange[] = ['1h', '6h', '24h', '7d', '30d'];

/** GPU utilisation and queue-full hits over time, from the stored samples (minutes, or hours for long ranges). */
export function ContainerCharts({ hostId, name }: { hostId: string; name: string }) {
  const { t } = useI18n();
  const [range, setRange] = useState<SeriesRange>('1h');
  const { data } = useContainerSeries(hostId, name, range);
  const points = data?.points ?? [];
  const gpu = points.map((p) => ({ t: p.t, v: p.gpuUtil }));
  const qf = points.map((p) => ({ t: p.t, v: p.queueFull }));
  const peak = Math.max(0, ...points.map((p) => p.gpuUtilMax ?? 0));
  const total = points.reduce((n, p) => n + p.queueFull, 0);
  const step = data?.stepS ?? 60;
  return (
    <Card className="p-4" testId="charts">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-900">{t('health.container.charts')}</h2>
        <div className="flex gap-1" role="group" aria-label={t('health.container.range')}>
          {RANGES.map((r) => (
            <button key={r} type="button" data-testid={`range-${r}`} onClick={() => setRange(r)}
              className={`rounded px-2 py-0.5 text-xs ${r === range ? 'bg-slate-800 text-white' : 'text-slate-600 hover:bg-slate-100'}`}>{r}</button>
          ))}
        </div>
      </div>
      {data && points.length === 0 && <p className="text-sm text-slate-500">{t('health.container.noSamples')}</p>}
      {data && points.length > 0 && (
        <div className="grid gap-4 md:grid-cols-2">
          <figure>
            <figcaption className="mb-1 flex justify-between text-xs text-slate-600">
              <span>{t('health.container.gpuChart')}</span><span>{t('health.container.peak', { value: `${peak} %` })}</span>
            </figcaption>
            <TimeChart points={gpu} from={data.fromS} to={data.toS} step={step} max={100} kind="line" colour="#0284c7" testId="chart-gpu" unit="%" />
          </figure>
          <figure>
            <figcaption className="mb-1 flex justify-between text-xs text-slate-600">
              <span>{t('health.container.queueChart', { step: t(step >= 3600 ? 'health.container.hour' : 'health.container.minute') })}</span>
              <span data-testid="queue-full-total">{t('health.container.total', { value: total })}</span>
            </figcaption>
            <TimeChart points={qf} from={data.fromS} to={data.toS} step={step} kind="bars" colour="#dc2626" testId="chart-queue-full" />
          </figure>
        </div>
      )}
    </Card>
  );
}

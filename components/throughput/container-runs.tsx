'use client';

import { useClock } from '../common/use-clock';
import Link from 'next/link';
import { useThroughputRuns } from '@/lib/swr/use-throughput';
import { useText } from '../common/use-text';
import { useI18n } from '../i18n-provider';
import { Card } from '../ui/card';
import { StatusBadge } from './status-badge';

// The container page's history of test runs: one bar per finished run (mean job time, oldest left), so a fix shows
// as the step down it makes, and the list with each run's verdict.
function History({ runs }: { runs: { id: string; mean: number | null; allOk: boolean }[] }) {
  const W = 480;
  const H = 90;
  const top = Math.max(1, ...runs.map((r) => r.mean ?? 0));
  const bw = Math.min(40, (W - 20) / Math.max(1, runs.length) - 6);
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: each chart stands under its own heading; its marks carry <title>s
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="max-w-full"
      role="img"
      data-testid="tp-container-chart"
    >
      <line x1={0} y1={H - 14} x2={W} y2={H - 14} stroke="#94a3b8" />
      {runs.map((r, i) => {
        const h = ((r.mean ?? 0) / top) * (H - 30);
        const x = 10 + i * (bw + 6);
        return (
          <g key={r.id} data-testid="tp-container-bar" data-mean={r.mean ?? ''}>
            <rect
              x={x}
              y={H - 14 - h}
              width={bw}
              height={h}
              fill={r.allOk ? '#059669' : '#dc2626'}
            />
            <text x={x + bw / 2} y={H - 18 - h} textAnchor="middle" fontSize={10} fill="#0f172a">
              {r.mean === null ? '—' : r.mean.toFixed(1)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ContainerRuns({ hostId, name }: { hostId: string; name: string }) {
  const clock = useClock();
  const { t } = useI18n();
  const tx = useText();
  const { data } = useThroughputRuns({ hostId, container: name });
  const runs = data?.runs ?? [];
  const finished = runs
    .filter((r) => r.detail.figures)
    .slice(0, 20)
    .reverse();
  return (
    <Card className="space-y-2 p-4" testId="tp-container-runs">
      <div className="flex items-center">
        <h2 className="font-semibold">{t('throughput.containerRuns')}</h2>
        <Link className="ml-auto text-sm text-sky-700 hover:underline" href="/throughput">
          {t('throughput.runOne')}
        </Link>
      </div>
      {runs.length === 0 && (
        <p className="text-sm text-slate-500">{t('throughput.containerRunsNone')}</p>
      )}
      {finished.length > 0 && (
        <div>
          <p className="text-xs text-slate-500">{t('throughput.containerChart')}</p>
          <History
            runs={finished.map((r) => ({
              id: r.id,
              mean: (r.detail.figures!.meanJobMs ?? r.detail.figures!.meanAllMs ?? 0) / 1000,
              allOk:
                r.detail.figures!.succeeded === r.detail.figures!.jobs &&
                r.detail.figures!.jobs > 0,
            }))}
          />
        </div>
      )}
      <ul className="divide-y divide-slate-200 text-sm">
        {runs.slice(0, 8).map((r) => (
          <li
            key={r.id}
            className="flex flex-wrap items-center gap-3 py-1"
            data-testid="tp-container-run"
          >
            <StatusBadge status={r.status} />
            <span className="text-slate-500">{clock.iso(r.startedAt)}</span>
            {r.detail.figures && (
              <span>
                {t('throughput.succeeded', {
                  ok: r.detail.figures.succeeded,
                  all: r.detail.figures.jobs,
                })}
              </span>
            )}
            <span className="text-slate-600">{tx(r.detail.verdict)}</span>
            <Link className="ml-auto text-sky-700" href={`/throughput/runs/${r.id}`}>
              {t('throughput.open')}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

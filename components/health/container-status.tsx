'use client';

import Link from 'next/link';
import type { ContainerReport } from '@/lib/probes/container';
import { useClock } from '../common/use-clock';
import { useI18n } from '../i18n-provider';
import { Notice } from '../ui/notice';
import { ProbeIssues } from './probe-issues';

/** What the page's values hold for: the job changing the container, the window of the log evidence, the clocks. */
export function ContainerStatus({ report }: { report: ContainerReport }) {
  const { t } = useI18n();
  const clock = useClock();
  const busy = report.busy;
  const href = busy
    ? busy.kind === 'job'
      ? `/activity/${encodeURIComponent(busy.id)}`
      : `/throughput/runs/${encodeURIComponent(busy.id)}`
    : '';
  const history = Object.values(report.history).reduce((n, x) => n + x.count, 0);
  const w = report.window;
  return (
    <div className="space-y-2">
      {busy && (
        <Notice tone="info" testId="container-job">
          <span data-busy-kind={busy.kind} data-busy-id={busy.id}>
            {report.transition
              ? t('health.transition', {
                  since: clock.iso(report.transition.since),
                  at: clock.iso(report.transition.valuesAt),
                })
              : t(`health.busy.${busy.kind}`)}
          </span>{' '}
          <Link href={href} className="font-medium underline" data-testid="busy-link">
            {t(busy.kind === 'job' ? 'health.openJob' : 'health.openRun')}
          </Link>
        </Notice>
      )}
      {report.errors.length > 0 && !report.transition && (
        <Notice tone="warning" testId="probe-errors">
          <ProbeIssues issues={report.errors} />
        </Notice>
      )}
      <p
        className="text-xs text-slate-600"
        data-testid="health-window"
        data-basis={w.basis}
        data-from={w.fromMs}
      >
        {w.basis === 'service_start'
          ? t('health.window.since_start', { at: clock.moment(w.fromMs) })
          : t('health.window.minutes', { minutes: w.minutes })}
        {history > 0 && <> {t('health.window.history', { count: history })}</>}
        {report.clock && (
          <>
            {' '}
            {t('health.clock', {
              zone: report.clock.zone ?? utcOffset(report.clock.offsetS),
              viewer: clock.zone,
            })}
          </>
        )}
      </p>
    </div>
  );
}

function utcOffset(s: number): string {
  const h = Math.floor(Math.abs(s) / 3600);
  const m = Math.floor((Math.abs(s) % 3600) / 60);
  return `UTC${s < 0 ? '-' : '+'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

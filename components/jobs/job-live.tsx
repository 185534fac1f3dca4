'use client';

import { useEffect, useRef, useState } from 'react';
import { jobTitle } from '@/lib/diagnosis/remedies';
import type { JobEvent, JobView } from '@/lib/jobs/types';
import { ApiError } from '@/lib/swr/fetch-json';
import { postJson } from '@/lib/swr/post-json';
import { useJob } from '@/lib/swr/use-jobs';
import { useErrorText } from '../error-text';
import { useI18n } from '../i18n-provider';
import { Button } from '../ui/button';
import { Notice } from '../ui/notice';
import { JobStatusBadge } from './job-status-badge';
import { JobTestsView } from './job-tests-view';
import { KeptOriginal } from './kept-original';
import { useText } from '../common/use-text';

// One job, live: its output over server-sent events (EventSource reconnects and resumes after the last event id),
// its progress, and when it ends the verification, what to do now, and Undo.

function useJobEvents(jobId: string): {
  events: JobEvent[];
  reconnecting: boolean;
  ended: boolean;
} {
  const [events, setEvents] = useState<JobEvent[]>([]);
  const [reconnecting, setReconnecting] = useState(false);
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    setEvents([]);
    setEnded(false);
    const es = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
    const onEvent = (m: MessageEvent<string>) => {
      setReconnecting(false);
      const e = JSON.parse(m.data) as JobEvent;
      setEvents((prev) => (prev.length && prev[prev.length - 1]!.id >= e.id ? prev : [...prev, e]));
    };
    for (const type of ['log', 'step', 'status', 'verify'])
      es.addEventListener(type, onEvent as EventListener);
    es.addEventListener('end', () => {
      setEnded(true);
      es.close();
    });
    es.onerror = () => setReconnecting(es.readyState !== EventSource.CLOSED);
    return () => es.close();
  }, [jobId]);
  return { events, reconnecting, ended };
}

export function JobLive({
  jobId,
  onUndo,
  onEnded,
}: {
  jobId: string;
  onUndo?: (job: JobView) => void;
  onEnded?: () => void;
}) {
  const { t } = useI18n();
  const tx = useText();
  const { summary } = useErrorText();
  const { events, reconnecting, ended } = useJobEvents(jobId);
  const { data, mutate } = useJob(jobId, !ended);
  const [actionError, setActionError] = useState<string | null>(null);
  const logRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (ended) {
      void mutate();
      onEnded?.();
    }
  }, [ended, mutate, onEnded]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new event scrolls the log to its end
  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [events.length]);
  const job = data?.job;
  const lastStep = [...events].reverse().find((e) => e.type === 'step');
  const cancel = async () => {
    try {
      await postJson(`/api/jobs/${encodeURIComponent(jobId)}/cancel`);
    } catch (e) {
      setActionError(e instanceof ApiError ? summary(e.error) : String(e));
    }
  };
  return (
    <div
      className="space-y-2"
      data-testid="job-live"
      data-job-id={jobId}
      data-job-status={job?.status ?? 'running'}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{t('jobs.job.title', { id: jobId })}</span>
        {job && <JobStatusBadge status={job.status} />}
        {job?.status === 'running' && lastStep?.step !== null && lastStep && (
          <span className="text-xs text-slate-500" data-testid="job-progress">
            {t('jobs.job.step', { n: (lastStep.step ?? 0) + 1, total: job.stepCount })}
          </span>
        )}
        {job?.status === 'running' && (
          <Button variant="danger" onClick={cancel} data-testid="job-cancel">
            {t('jobs.job.cancel')}
          </Button>
        )}
        {job?.undoable && onUndo && (
          <Button onClick={() => onUndo(job)} data-testid="job-undo">
            {t('jobs.job.undo')}
          </Button>
        )}
      </div>
      {reconnecting && !ended && <Notice tone="warning">{t('jobs.job.reconnecting')}</Notice>}
      {actionError && <Notice tone="error">{actionError}</Notice>}
      <pre
        ref={logRef}
        className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-950 p-2 font-mono text-xs leading-5 text-slate-100"
        data-testid="job-log"
      >
        {events.length === 0 && <span className="text-slate-400">{t('jobs.job.noOutput')}</span>}
        {events.map((e) => (
          <div
            key={e.id}
            className={
              e.type === 'step'
                ? 'mt-1 font-semibold text-sky-300'
                : e.type === 'status'
                  ? 'text-amber-300'
                  : e.text.startsWith('! ')
                    ? 'text-red-300'
                    : ''
            }
          >
            {e.type === 'step'
              ? `▶ ${(e.step ?? 0) + 1}. ${e.text}`
              : e.type === 'status'
                ? `[${e.text}]`
                : e.text}
          </div>
        ))}
      </pre>
      {job && job.status !== 'running' && (
        <div className="space-y-2" data-testid="job-outcome">
          {(job.result?.verifications.length ?? 0) > 0 && (
            <div>
              <h4 className="text-sm font-medium">{t('jobs.job.verification')}</h4>
              <ul className="text-sm">
                {job.result!.verifications.map((v, i) => (
                  <li
                    key={i}
                    data-testid="job-verification"
                    data-ok={v.ok}
                    className={v.ok ? 'text-emerald-700' : 'text-red-700'}
                  >
                    {v.ok ? '✓' : '✗'} {tx(jobTitle(v.remedy)) || v.remedy}: {tx(v.detail)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {job.result?.tests && <JobTestsView tests={job.result.tests} />}
          {job.error && (
            <Notice tone="error" testId="job-error">
              {job.error}
            </Notice>
          )}
          {job.result?.restoreHint && (
            <Notice tone="warning" testId="job-restore-hint">
              <strong>{t('jobs.job.restore')}: </strong>
              {tx(job.result.restoreHint)}
            </Notice>
          )}
          <KeptOriginal job={job} onChanged={() => void mutate()} />
        </div>
      )}
    </div>
  );
}

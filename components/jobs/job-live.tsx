'use client';

import { useEffect, useState } from 'react';
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
import { JobProgress, JobSteps } from './job-steps';
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
  useEffect(() => {
    if (ended) {
      void mutate();
      onEnded?.();
    }
  }, [ended, mutate, onEnded]);
  const job = data?.job;
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
        {job && job.stepCount > 0 && <JobProgress job={job} />}
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
      {job ? (
        <JobSteps job={job} events={events} />
      ) : (
        <p className="text-xs text-slate-400">{t('jobs.job.noOutput')}</p>
      )}
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

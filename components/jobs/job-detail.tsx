'use client';

import { JobParams } from './job-params';
import { useClock } from '../common/use-clock';
import Link from 'next/link';
import { ApiError } from '@/lib/swr/fetch-json';
import { useJob } from '@/lib/swr/use-jobs';
import { useErrorText } from '../error-text';
import { useI18n } from '../i18n-provider';
import { Card } from '../ui/card';
import { Notice } from '../ui/notice';
import { JobLive } from './job-live';
import { PlanView } from './plan-view';

// One job afterwards (or live): who, when, on what, with which parameters, its plan, its output and its result.
export function JobDetail({ jobId }: { jobId: string }) {
  const clock = useClock();
  const { t } = useI18n();
  const { summary } = useErrorText();
  const { data, error } = useJob(jobId, false);
  const job = data?.job;
  return (
    <div className="space-y-4">
      <Link href="/activity" className="text-sm text-sky-700 hover:underline">
        ← {t('jobs.activity.title')}
      </Link>
      {error && (
        <Notice tone="error">
          {error instanceof ApiError ? summary(error.error) : t('errors.network')}
        </Notice>
      )}
      {job && (
        <Card>
          <div className="space-y-3 p-4 text-sm">
            <div className="flex flex-wrap gap-x-4 gap-y-1 text-slate-600">
              <Link
                className="text-sky-700 hover:underline"
                href={`/containers/${encodeURIComponent(job.hostId)}/${encodeURIComponent(job.container)}`}
              >
                {job.hostName}/{job.container}
              </Link>
              <span>{t('jobs.job.by', { user: job.actor.name, via: job.actor.via })}</span>
              <span>{t('jobs.job.started', { time: clock.iso(job.createdAt) })}</span>
              {job.finishedAt && (
                <span>{t('jobs.job.finished', { time: clock.iso(job.finishedAt) })}</span>
              )}
              <JobParams params={job.params} />
            </div>
            <JobLive jobId={job.id} />
            {job.plan && (
              <details>
                <summary className="cursor-pointer">{t('jobs.preview.steps')}</summary>
                <PlanView plan={job.plan} />
              </details>
            )}
          </div>
        </Card>
      )}
    </div>
  );
}

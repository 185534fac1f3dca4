'use client';

import { useClock } from '../common/use-clock';
import Link from 'next/link';
import { useState } from 'react';
import { jobTitle } from '@/lib/diagnosis/remedies';
import { FINISHED } from '@/lib/jobs/types';
import { useJobs, type JobListFilter } from '@/lib/swr/use-jobs';
import { useI18n } from '../i18n-provider';
import { Card, PageHeader } from '../ui/card';
import { Select, TextInput } from '../ui/field';
import { BatchPanel } from './batch-panel';
import { JobStatusBadge } from './job-status-badge';
import { useText } from '../common/use-text';

// Every job, newest first, filterable by host, container, user and result; polled, so running jobs move on.
export function ActivityView({ canRun }: { canRun: boolean }) {
  const clock = useClock();
  const { t } = useI18n();
  const tx = useText();
  const [filter, setFilter] = useState<JobListFilter>({});
  const { data } = useJobs(filter);
  const jobs = data?.jobs ?? [];
  const set =
    (k: keyof JobListFilter) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setFilter({ ...filter, [k]: e.target.value || undefined });
  return (
    <div className="space-y-4">
      <PageHeader title={t('jobs.activity.title')} subtitle={t('jobs.activity.intro')} />
      <div className="flex flex-wrap gap-2 text-sm" data-testid="activity-filters">
        <TextInput
          name="container"
          placeholder={t('jobs.activity.container')}
          value={filter.container ?? ''}
          onChange={set('container')}
        />
        <TextInput
          name="user"
          placeholder={t('jobs.activity.user')}
          value={filter.user ?? ''}
          onChange={set('user')}
        />
        <Select name="status" value={filter.status ?? ''} onChange={set('status')}>
          <option value="">
            {t('jobs.activity.result')}: {t('jobs.activity.all')}
          </option>
          {(['running', ...FINISHED] as const).map((s) => (
            <option key={s} value={s}>
              {t(`jobs.status.${s}`)}
            </option>
          ))}
        </Select>
      </div>
      <Card>
        {data && jobs.length === 0 && (
          <p className="p-4 text-slate-500">{t('jobs.activity.empty')}</p>
        )}
        <table className="w-full text-sm" data-testid="activity-table">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2">{t('jobs.activity.when')}</th>
              <th className="px-3 py-2">{t('jobs.activity.job')}</th>
              <th className="px-3 py-2">{t('jobs.activity.host')}</th>
              <th className="px-3 py-2">{t('jobs.activity.container')}</th>
              <th className="px-3 py-2">{t('jobs.activity.user')}</th>
              <th className="px-3 py-2">{t('jobs.activity.steps')}</th>
              <th className="px-3 py-2">{t('jobs.activity.result')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr
                key={j.id}
                className="border-t border-slate-100"
                data-testid="activity-row"
                data-job-id={j.id}
              >
                <td className="px-3 py-1.5 whitespace-nowrap">{clock.iso(j.createdAt)}</td>
                <td className="px-3 py-1.5">
                  <Link
                    className="text-sky-700 hover:underline"
                    href={`/activity/${encodeURIComponent(j.id)}`}
                  >
                    {tx(jobTitle(j.remedy)) || j.remedy}
                  </Link>
                </td>
                <td className="px-3 py-1.5">
                  <button
                    type="button"
                    className="hover:underline"
                    onClick={() => setFilter({ ...filter, host: j.hostId })}
                  >
                    {j.hostName}
                  </button>
                </td>
                <td className="px-3 py-1.5">
                  <Link
                    className="hover:underline"
                    href={`/containers/${encodeURIComponent(j.hostId)}/${encodeURIComponent(j.container)}`}
                  >
                    {j.container}
                  </Link>
                </td>
                <td className="px-3 py-1.5">{j.actor.name}</td>
                <td className="px-3 py-1.5">
                  {j.stepsDone}/{j.stepCount}
                </td>
                <td className="px-3 py-1.5">
                  <JobStatusBadge status={j.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {canRun && <BatchPanel />}
    </div>
  );
}

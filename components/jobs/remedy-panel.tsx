'use client';

import { useClock } from '../common/use-clock';
import Link from 'next/link';
import { useState } from 'react';
import useSWR from 'swr';
import { jobTitle, REMEDY_ORDER, remedyTitle, RUNBOOK_TITLE } from '@/lib/diagnosis/remedies';
import type { JobPlan, JobView } from '@/lib/jobs/types';
import type { RemedyDefaults } from '@/lib/remedies/settings';
import { ApiError, fetchJson } from '@/lib/swr/fetch-json';
import { postJson } from '@/lib/swr/post-json';
import { useContainer } from '@/lib/swr/use-container';
import { useJobs } from '@/lib/swr/use-jobs';
import { useErrorText } from '../error-text';
import { useI18n } from '../i18n-provider';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { Notice } from '../ui/notice';
import { JobLive } from './job-live';
import { JobStatusBadge } from './job-status-badge';
import { RemedyOptions, optionsFor, type OptionValues } from './remedy-options';
import { PreviewDialog, type PreviewState } from './preview-dialog';
import { useText } from '../common/use-text';

// The container page's remediation panel: the runbook and one button per remedy, each opening a preview that the
// operator confirms; then the job's live output. The server checks the role again on every call.

const RUNBOOK = 'fix-queue-blocking';

export function RemedyPanel({
  hostId,
  name,
  canRun,
}: {
  hostId: string;
  name: string;
  canRun: boolean;
}) {
  const clock = useClock();
  const { t } = useI18n();
  const tx = useText();
  const { summary, unplaced } = useErrorText();
  const { data: defaults } = useSWR<{ defaults: RemedyDefaults }>(
    '/api/remedies/defaults',
    fetchJson,
  );
  const { data: jobs, mutate: refreshJobs } = useJobs({ host: hostId, container: name }, 5_000);
  const [chosen, setOptions] = useState<OptionValues>({});
  // A Compose-managed container goes back to a 64 MB /dev/shm on the next `docker compose up` unless its file is
  // edited too: that edit is ticked by default there (the operator may untick it).
  const { data: container } = useContainer(hostId, name);
  const isCompose = (container?.report.compose?.configFiles.length ?? 0) > 0;
  const options: OptionValues = { ...chosen, composeFile: chosen.composeFile ?? isCompose };
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const [activeJob, setActiveJob] = useState<string | null>(null);
  const running = jobs?.jobs.find((j) => j.status === 'running');
  const shownJob = activeJob ?? running?.id ?? null;

  const errorText = (e: unknown) =>
    e instanceof ApiError ? [summary(e.error), ...unplaced(e.error, [])].join(' · ') : String(e);

  async function openPreview(job: string) {
    const request = { hostId, container: name, name: job, params: optionsFor(job, options) };
    setPreview({
      title: tx(jobTitle(job)) || job,
      loading: true,
    });
    try {
      const { plan } = await postJson<{ plan: JobPlan }>('/api/jobs/preview', request);
      setPreview(
        (p) =>
          p && {
            ...p,
            loading: false,
            plan,
            run: (confirm) => postJson<{ job: JobView }>('/api/jobs', { ...request, confirm }),
          },
      );
    } catch (e) {
      setPreview((p) => p && { ...p, loading: false, error: errorText(e) });
    }
  }

  async function openUndo(job: JobView) {
    const url = `/api/jobs/${encodeURIComponent(job.id)}/undo`;
    setPreview({
      title: t('jobs.job.title', { id: job.id }) + ' · ' + t('jobs.job.undo'),
      loading: true,
    });
    try {
      const { plan } = await postJson<{ plan: JobPlan }>(`${url}/preview`);
      setPreview(
        (p) =>
          p && {
            ...p,
            loading: false,
            plan,
            run: (confirm) => postJson<{ job: JobView }>(url, { confirm }),
          },
      );
    } catch (e) {
      setPreview((p) => p && { ...p, loading: false, error: errorText(e) });
    }
  }

  return (
    <Card testId="remedy-panel">
      <div className="space-y-3 p-4">
        <div>
          <h2 className="font-semibold text-slate-900">{t('jobs.panel.title')}</h2>
          <p className="text-sm text-slate-500">
            {canRun ? t('jobs.panel.intro') : t('jobs.panel.viewerOnly')}
          </p>
        </div>
        {running && (
          <Notice tone="info" testId="container-busy">
            {t('jobs.panel.busy', { job: running.id })}
          </Notice>
        )}
        {canRun && (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <Button
                variant="primary"
                disabled={!!running}
                onClick={() => openPreview(RUNBOOK)}
                data-testid="remedy-fix-queue-blocking"
              >
                {tx(RUNBOOK_TITLE)}
              </Button>
              <span className="text-xs text-slate-500">{t('jobs.panel.runbookHint')}</span>
              <label className="flex items-center gap-1 text-sm text-slate-700">
                <input
                  type="checkbox"
                  data-testid="runbook-test"
                  checked={options.test ?? false}
                  onChange={(e) => setOptions({ ...options, test: e.target.checked })}
                />
                {t('jobs.panel.runbookTest')}
              </label>
            </div>
            <div className="flex flex-wrap gap-2">
              {REMEDY_ORDER.map((id) => (
                <Button
                  key={id}
                  disabled={!!running}
                  onClick={() => openPreview(id)}
                  data-testid={`remedy-${id}`}
                >
                  {tx(remedyTitle(id))}
                </Button>
              ))}
            </div>
            <RemedyOptions values={options} onChange={setOptions} defaults={defaults?.defaults} />
          </>
        )}
        {shownJob && (
          <JobLive
            key={shownJob}
            jobId={shownJob}
            onUndo={canRun ? openUndo : undefined}
            onEnded={refreshJobs}
          />
        )}
        {jobs && jobs.jobs.length > 0 && (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="container-jobs">
            {jobs.jobs.slice(0, 8).map((j) => (
              <li key={j.id} className="flex flex-wrap items-center gap-2 py-1">
                <JobStatusBadge status={j.status} />
                <button
                  type="button"
                  className="text-sky-700 hover:underline"
                  onClick={() => setActiveJob(j.id)}
                >
                  {tx(jobTitle(j.remedy)) || j.remedy}
                </button>
                <span className="text-xs text-slate-500">
                  {clock.iso(j.createdAt)} · {j.actor.name}
                </span>
                <Link
                  href={`/activity/${encodeURIComponent(j.id)}`}
                  className="ml-auto text-xs text-sky-700 hover:underline"
                >
                  {t('jobs.job.open')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      {preview && (
        <PreviewDialog
          state={preview}
          onClose={() => setPreview(null)}
          onStarted={(job) => {
            setPreview(null);
            setActiveJob(job.id);
            void refreshJobs();
          }}
          errorText={errorText}
        />
      )}
    </Card>
  );
}

'use client';

import { useState } from 'react';
import type { JobView } from '@/lib/jobs/types';
import { ApiError } from '@/lib/swr/fetch-json';
import { postJson } from '@/lib/swr/post-json';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Notice } from '../ui/notice';

// The original container a shm re-creation kept for Undo: said plainly, with a two-step discard (the second click
// states that Undo is then gone). The server checks the role and that the container is the stopped original.
export function KeptOriginal({ job, onChanged }: { job: JobView; onChanged: () => void }) {
  const { t, summary } = useErrorText();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gone = job.result?.discardedOriginal;
  if (gone)
    return (
      <Notice tone="info" testId="job-original-discarded">
        {t('jobs.job.discarded', { name: gone.name, by: gone.by })}
      </Notice>
    );
  const kept = job.keptOriginal;
  if (!kept) return null;
  const discard = async () => {
    setBusy(true);
    try {
      await postJson(`/api/jobs/${encodeURIComponent(job.id)}/discard-original`);
      setError(null);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? summary(e.error) : String(e));
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <div className="space-y-2 text-sm" data-testid="job-kept-original">
      <p className="text-slate-600">{t('jobs.job.kept', { name: kept.name })}</p>
      {!asking && (
        <Button onClick={() => setAsking(true)} data-testid="job-discard-original">
          {t('jobs.job.discard')}
        </Button>
      )}
      {asking && (
        <Notice tone="warning">
          <p>{t('jobs.job.discardConfirm', { name: kept.name })}</p>
          <div className="mt-2 flex gap-2">
            <Button
              variant="danger"
              disabled={busy}
              onClick={discard}
              data-testid="job-discard-confirm"
            >
              {t('jobs.job.discardYes')}
            </Button>
            <Button onClick={() => setAsking(false)}>{t('jobs.job.discardNo')}</Button>
          </div>
        </Notice>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}

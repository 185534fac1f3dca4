'use client';

import { useState } from 'react';
import type { JobPlan, JobView } from '@/lib/jobs/types';
import { useI18n } from '../i18n-provider';
import { Button } from '../ui/button';
import { Notice } from '../ui/notice';
import { PlanView } from './plan-view';

export interface PreviewState {
  title: string;
  loading: boolean;
  plan?: JobPlan;
  error?: string;
  /** Starts the job, confirming the plan hash the operator saw. */
  run?: (confirm: string) => Promise<{ job: JobView }>;
}

export function PreviewDialog({
  state,
  onClose,
  onStarted,
  errorText,
}: {
  state: PreviewState;
  onClose: () => void;
  onStarted: (job: JobView) => void;
  errorText: (e: unknown) => string;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = state.plan?.notices.some((n) => n.level === 'block');
  async function confirm() {
    if (!state.plan || !state.run) return;
    setBusy(true);
    setError(null);
    try {
      onStarted((await state.run(state.plan.hash)).job);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div
      className="fixed inset-0 z-40 flex items-start justify-center overflow-auto bg-slate-900/40 p-4"
      role="dialog"
      aria-modal="true"
      data-testid="preview-dialog"
    >
      <div className="w-full max-w-4xl space-y-3 rounded-lg bg-white p-4 shadow-xl">
        <div className="flex items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">
            {t('jobs.preview.title', { title: state.title })}
          </h2>
          {state.plan && (
            <span className="font-mono text-xs text-slate-400">
              {t('jobs.preview.planHash', { hash: state.plan.hash })}
            </span>
          )}
        </div>
        {state.loading && <p className="text-slate-500">{t('common.loading')}</p>}
        {state.error && (
          <Notice tone="error" testId="preview-error">
            {state.error}
          </Notice>
        )}
        {state.plan && <PlanView plan={state.plan} />}
        {error && (
          <Notice tone="error" testId="start-error">
            {error}
          </Notice>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} data-testid="preview-close">
            {t('jobs.preview.cancel')}
          </Button>
          {state.plan && !blocked && (
            <Button
              variant="primary"
              disabled={busy}
              onClick={confirm}
              data-testid="preview-confirm"
            >
              {t('jobs.preview.confirm')}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}

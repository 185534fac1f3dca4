'use client';

import { useState } from 'react';
import type { JobPlan, JobView } from '@/lib/jobs/types';
import { useI18n } from '../i18n-provider';
import { Button } from '../ui/button';
import { Modal } from '../ui/modal';
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
    <Modal
      testId="preview-dialog"
      title={t('jobs.preview.title', { title: state.title })}
      aside={
        state.plan && (
          <span className="font-mono text-xs text-slate-400">
            {t('jobs.preview.planHash', { hash: state.plan.hash })}
          </span>
        )
      }
      onClose={onClose}
      busy={busy}
      footer={
        <>
          {error && (
            <div className="mr-auto">
              <Notice tone="error" testId="start-error">
                {error}
              </Notice>
            </div>
          )}
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
        </>
      }
    >
      {state.loading && <p className="text-slate-500">{t('common.loading')}</p>}
      {state.error && (
        <Notice tone="error" testId="preview-error">
          {state.error}
        </Notice>
      )}
      {state.plan && <PlanView plan={state.plan} />}
    </Modal>
  );
}

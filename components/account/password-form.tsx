'use client';

import { type FormEvent, useState, useTransition } from 'react';
import { changeOwnPasswordAction } from '@/app/actions/user-lifecycle';
import type { ActionError } from '@/lib/web/result';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { Field, TextInput } from '../ui/field';
import { Notice } from '../ui/notice';

/** The signed-in user's own password: the current one, the new one twice (compared here before it is sent). */
export function PasswordForm() {
  const { t, summary, byField } = useErrorText();
  const [error, setError] = useState<ActionError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const errors = byField(error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const current = String(form.get('current') ?? '');
    const next = String(form.get('next') ?? '');
    setDone(false);
    setMismatch(next !== String(form.get('repeat') ?? ''));
    if (next !== String(form.get('repeat') ?? '')) return;
    startTransition(async () => {
      const result = await changeOwnPasswordAction({ current, next });
      if (!result.ok) return setError(result.error);
      setError(null);
      formEl.reset();
      setDone(true);
    });
  }

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate data-testid="password-form" className="space-y-3 p-4">
        <h2 className="text-sm font-semibold text-slate-900">{t('account.passwordTitle')}</h2>
        {done && (
          <Notice tone="success" testId="password-changed">
            {t('account.changed')}
          </Notice>
        )}
        {error && !error.fields?.length && (
          <Notice tone="error" testId="form-error">
            {summary(error)}
          </Notice>
        )}
        <div className="grid max-w-md grid-cols-1 gap-3">
          <Field name="current" label={t('account.current')} error={errors.current}>
            <TextInput
              name="current"
              type="password"
              autoComplete="current-password"
              error={errors.current}
            />
          </Field>
          <Field name="next" label={t('account.next')} error={errors.next}>
            <TextInput
              name="next"
              type="password"
              autoComplete="new-password"
              error={errors.next}
            />
          </Field>
          <Field
            name="repeat"
            label={t('account.repeat')}
            error={mismatch ? t('account.mismatch') : undefined}
          >
            <TextInput
              name="repeat"
              type="password"
              autoComplete="new-password"
              error={mismatch ? t('account.mismatch') : undefined}
            />
          </Field>
        </div>
        <Button type="submit" variant="primary" disabled={pending} data-testid="change-password">
          {pending ? t('common.working') : t('account.submit')}
        </Button>
      </form>
    </Card>
  );
}

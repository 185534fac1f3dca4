'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import type { User } from '@/lib/auth/types';
import type { ActionError, ActionResult } from '@/lib/web/result';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Field, TextInput } from '../ui/field';
import { Notice } from '../ui/notice';

interface Props {
  submit: (input: { username: string; password: string }) => Promise<ActionResult<User>>;
  submitLabel: string;
  /** Setup asks for the password twice. */
  confirmPassword?: boolean;
  intro?: string;
}

/** User name + password form shared by sign-in and first setup; on success it opens the fleet page. */
export function CredentialsForm({ submit, submitLabel, confirmPassword = false, intro }: Props) {
  const router = useRouter();
  const { t, summary, byField } = useErrorText();
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldErrors = byField(error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '');
    const password = String(form.get('password') ?? '');
    if (confirmPassword && password !== String(form.get('password2') ?? '')) {
      setError({
        code: 'invalid',
        message: t('auth.passwordMismatch'),
        fields: [{ field: 'password2', rule: 'mismatch', message: t('auth.passwordMismatch') }],
      });
      return;
    }
    startTransition(async () => {
      const result = await submit({ username, password });
      // An action whose response navigates may resolve without a value: that is success, not an error.
      if (result && !result.ok) {
        setError(result.error);
        return;
      }
      router.replace('/');
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      {intro && <p className="text-sm text-slate-600">{intro}</p>}
      {error && !error.fields?.length && (
        <Notice tone="error" testId="form-error">
          {summary(error)}
        </Notice>
      )}
      <Field name="username" label={t('auth.username')} error={fieldErrors.username}>
        <TextInput
          name="username"
          autoComplete="username"
          autoFocus
          required
          error={fieldErrors.username}
        />
      </Field>
      <Field name="password" label={t('auth.password')} error={fieldErrors.password}>
        <TextInput
          name="password"
          type="password"
          autoComplete={confirmPassword ? 'new-password' : 'current-password'}
          required
          error={fieldErrors.password}
        />
      </Field>
      {confirmPassword && (
        <Field name="password2" label={t('auth.passwordConfirm')} error={fieldErrors.password2}>
          <TextInput
            name="password2"
            type="password"
            autoComplete="new-password"
            required
            error={fieldErrors.password2}
          />
        </Field>
      )}
      <Button type="submit" variant="primary" disabled={pending} className="w-full">
        {pending ? t('common.working') : submitLabel}
      </Button>
    </form>
  );
}

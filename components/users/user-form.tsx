'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { createUserAction } from '@/app/actions/create-user';
import { ROLES, type User } from '@/lib/auth/types';
import type { ActionError } from '@/lib/web/result';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Field, Select, TextInput } from '../ui/field';
import { Notice } from '../ui/notice';

export function UserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { t, summary, byField } = useErrorText();
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const errors = byField(error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const input = {
      username: String(form.get('username') ?? ''),
      password: String(form.get('password') ?? ''),
      role: String(form.get('role') ?? ''),
    };
    startTransition(async () => {
      const result = await createUserAction(input);
      if (!result.ok) return setError(result.error);
      setError(null);
      formEl.reset();
      onCreated(result.data);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="user-form" className="space-y-3 p-4">
      <h2 className="text-sm font-semibold text-slate-900">{t('users.add')}</h2>
      {error && !error.fields?.length && (
        <Notice tone="error" testId="form-error">
          {summary(error)}
        </Notice>
      )}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-4">
        <Field name="username" label={t('users.username')} error={errors.username}>
          <TextInput name="username" autoComplete="off" error={errors.username} />
        </Field>
        <Field name="password" label={t('users.password')} error={errors.password}>
          <TextInput
            name="password"
            type="password"
            autoComplete="new-password"
            error={errors.password}
          />
        </Field>
        <Field name="role" label={t('users.role')} error={errors.role}>
          <Select name="role" defaultValue="viewer" error={errors.role}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex items-end">
          <Button type="submit" variant="primary" disabled={pending} data-testid="create-user">
            {pending ? t('common.working') : t('common.add')}
          </Button>
        </div>
      </div>
    </form>
  );
}

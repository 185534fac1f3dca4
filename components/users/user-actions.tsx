'use client';

import { type FormEvent, useState, useTransition } from 'react';
import {
  deleteUserAction,
  resetPasswordAction,
  setUserDisabledAction,
} from '@/app/actions/user-lifecycle';
import type { UserRow } from '@/lib/swr/use-users';
import type { ActionError } from '@/lib/web/result';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Field, TextInput } from '../ui/field';
import { Modal } from '../ui/modal';
import { Notice } from '../ui/notice';

type Asking = 'reset' | 'disable' | 'delete' | null;

/**
 * Reset password, disable or enable, delete: each asked in a dialog first (the reset with the new password in it),
 * then done by one audited action. The server refuses what would lock the console out; this only asks.
 */
export function UserActions({
  user,
  isSelf,
  onDone,
}: {
  user: UserRow;
  isSelf: boolean;
  onDone: (text: string, ok: boolean) => void;
}) {
  const { t, summary, byField } = useErrorText();
  const [asking, setAsking] = useState<Asking>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const name = user.username;

  function close() {
    setAsking(null);
    setError(null);
  }

  function run(act: () => Promise<{ ok: true } | { ok: false; error: ActionError }>, done: string) {
    startTransition(async () => {
      const result = await act();
      if (!result.ok) {
        if (asking === 'reset' && result.error.fields?.length) return setError(result.error);
        close();
        return onDone(summary(result.error), false);
      }
      close();
      onDone(done, true);
    });
  }

  function onReset(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    run(() => resetPasswordAction({ id: user.id, password }), t('users.resetDone', { name }));
  }

  const disabled = user.disabledAt !== null;
  const toggle = () =>
    run(
      () => setUserDisabledAction({ id: user.id, disabled: !disabled }),
      t(disabled ? 'users.enabledDone' : 'users.disabledDone', { name }),
    );
  const cancel = (
    <Button onClick={close} disabled={pending}>
      {t('common.cancel')}
    </Button>
  );
  return (
    <div className="flex flex-wrap gap-2">
      <Button onClick={() => setAsking('reset')} disabled={pending} data-testid="user-reset">
        {t('users.resetPassword')}
      </Button>
      {!isSelf && (
        <>
          <Button
            onClick={() => (disabled ? toggle() : setAsking('disable'))}
            disabled={pending}
            data-testid="user-toggle"
          >
            {t(disabled ? 'users.enable' : 'users.disable')}
          </Button>
          <Button
            variant="danger"
            onClick={() => setAsking('delete')}
            disabled={pending}
            data-testid="user-delete"
          >
            {t('users.delete')}
          </Button>
        </>
      )}
      {asking === 'reset' && (
        <Modal
          title={t('users.newPassword', { name })}
          onClose={close}
          busy={pending}
          narrow
          testId="user-reset-dialog"
          footer={
            <>
              {cancel}
              <Button type="submit" form="user-reset-form" variant="primary" disabled={pending}>
                {t('users.resetPassword')}
              </Button>
            </>
          }
        >
          <form id="user-reset-form" onSubmit={onReset} noValidate>
            <Field name="password" label={t('users.password')} error={byField(error).password}>
              <TextInput
                name="password"
                type="password"
                autoComplete="new-password"
                error={byField(error).password}
              />
            </Field>
          </form>
        </Modal>
      )}
      {(asking === 'disable' || asking === 'delete') && (
        <Modal
          title={t(asking === 'delete' ? 'users.delete' : 'users.disable')}
          onClose={close}
          busy={pending}
          narrow
          testId="user-confirm-dialog"
          footer={
            <>
              {cancel}
              <Button
                variant="danger"
                disabled={pending}
                data-testid="user-confirm"
                onClick={() =>
                  asking === 'delete'
                    ? run(() => deleteUserAction({ id: user.id }), t('users.deletedDone', { name }))
                    : toggle()
                }
              >
                {t(asking === 'delete' ? 'users.delete' : 'users.disable')}
              </Button>
            </>
          }
        >
          <Notice tone="warning">
            {t(asking === 'delete' ? 'users.confirmDelete' : 'users.confirmDisable', { name })}
          </Notice>
        </Modal>
      )}
    </div>
  );
}

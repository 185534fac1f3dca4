'use client';

import { useTransition } from 'react';
import { setUserRoleAction } from '@/app/actions/set-user-role';
import { isRole, ROLES } from '@/lib/auth/types';
import { ApiError } from '@/lib/swr/fetch-json';
import { useUsers } from '@/lib/swr/use-users';
import { useClock } from '../common/use-clock';
import { useErrorText } from '../error-text';
import { Badge } from '../ui/badge';
import { Card, PageHeader } from '../ui/card';
import { Select } from '../ui/field';
import { Notice } from '../ui/notice';
import { useToast } from '../ui/toast';
import { SignInLocks } from './sign-in-locks';
import { UserActions } from './user-actions';
import { UserForm } from './user-form';

export function UsersView({ currentUserId }: { currentUserId: string }) {
  const { t, summary } = useErrorText();
  const { data, error, mutate } = useUsers();
  const toast = useToast();
  const setMessage = (m: { text: string; tone: 'success' | 'error' }) =>
    toast({ ...m, testId: 'users-message' });
  const [pending, startTransition] = useTransition();
  const clock = useClock();

  function changeRole(id: string, username: string, role: string) {
    if (!isRole(role)) return;
    startTransition(async () => {
      const result = await setUserRoleAction({ id, role });
      setMessage(
        result.ok
          ? {
              text: t('users.roleChanged', { name: username, role: t(`roles.${role}`) }),
              tone: 'success',
            }
          : { text: summary(result.error), tone: 'error' },
      );
      void mutate();
    });
  }

  const th = 'px-3 py-2 text-left text-xs font-medium text-slate-500';
  return (
    <div className="space-y-4">
      <PageHeader title={t('users.title')} />
      <Card>
        <UserForm
          onCreated={(u) => {
            setMessage({ text: t('users.created', { name: u.username }), tone: 'success' });
            void mutate();
          }}
        />
      </Card>
      <SignInLocks
        locks={data?.locks ?? []}
        onChanged={(text, ok) => {
          setMessage({ text, tone: ok ? 'success' : 'error' });
          void mutate();
        }}
      />
      {error && (
        <Notice tone="error">
          {error instanceof ApiError ? summary(error.error) : t('errors.network')}
        </Notice>
      )}
      <Card className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th className={th}>{t('users.columns.username')}</th>
              <th className={th}>{t('users.columns.role')}</th>
              <th className={th}>{t('users.columns.state')}</th>
              <th className={th}>{t('users.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(data?.users ?? []).map((u) => (
              <tr
                key={u.id}
                data-testid="user-row"
                data-user={u.username}
                data-disabled={u.disabledAt ? 'true' : 'false'}
                className="border-b border-slate-100 last:border-0"
              >
                <td className="px-3 py-2 font-medium text-slate-900">
                  {u.username}{' '}
                  {u.id === currentUserId && (
                    <span className="text-xs font-normal text-slate-400">({t('users.you')})</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <div className="w-40">
                    <Select
                      value={u.role}
                      disabled={pending}
                      onChange={(e) => changeRole(u.id, u.username, e.target.value)}
                      aria-label={t('users.role')}
                      data-testid="user-role"
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </Select>
                  </div>
                </td>
                <td className="px-3 py-2" data-testid="user-state">
                  {u.disabledAt ? (
                    <Badge tone="slate">
                      {t('users.disabled', { time: clock.iso(u.disabledAt) })}
                    </Badge>
                  ) : (
                    <Badge tone="green">{t('users.active')}</Badge>
                  )}
                </td>
                <td className="px-3 py-2">
                  <UserActions
                    user={u}
                    isSelf={u.id === currentUserId}
                    onDone={(text, ok) => {
                      setMessage({ text, tone: ok ? 'success' : 'error' });
                      void mutate();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

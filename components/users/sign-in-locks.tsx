'use client';

import { useTransition } from 'react';
import { unlockSignInAction } from '@/app/actions/unlock-sign-in';
import type { SignInLock } from '@/lib/swr/use-users';
import { useErrorText } from '../error-text';
import { useClock } from '../common/use-clock';
import { Button } from '../ui/button';
import { Card } from '../ui/card';

/** The sign-in locks in force, each with an Unlock button (admins; the action is audited). */
interface Props {
  locks: SignInLock[];
  /** After an unlock: the sentence to show, and whether it worked. */
  onChanged: (text: string, ok: boolean) => void;
}

export function SignInLocks({ locks, onChanged }: Props) {
  const { t, summary } = useErrorText();
  const clock = useClock();
  const [pending, startTransition] = useTransition();
  if (locks.length === 0) return null;

  function unlock(lock: SignInLock) {
    const target = lock.username ? { username: lock.username } : { address: lock.address };
    const name = lock.username || lock.address;
    startTransition(async () => {
      const result = await unlockSignInAction(target);
      onChanged(result.ok ? t('users.locks.lifted', { name }) : summary(result.error), result.ok);
    });
  }

  const th = 'px-3 py-2 text-left text-xs font-medium text-slate-500';
  return (
    <Card className="overflow-x-auto" testId="sign-in-locks">
      <h2 className="px-3 pt-3 text-sm font-semibold text-slate-900">{t('users.locks.title')}</h2>
      <table className="w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th className={th}>{t('users.locks.name')}</th>
            <th className={th}>{t('users.locks.address')}</th>
            <th className={th}>{t('users.locks.until')}</th>
            <th className={th} />
          </tr>
        </thead>
        <tbody>
          {locks.map((l) => (
            <tr
              key={`${l.username}\n${l.address}`}
              data-testid="sign-in-lock"
              data-user={l.username}
              className="border-b border-slate-100 last:border-0"
            >
              <td className="px-3 py-2">{l.username || t('users.locks.anyName')}</td>
              <td className="px-3 py-2 font-mono text-xs">
                {l.address || t('users.locks.anyAddress')}
              </td>
              <td className="px-3 py-2 text-xs">{clock.iso(l.until)}</td>
              <td className="px-3 py-2 text-right">
                <Button disabled={pending} onClick={() => unlock(l)} data-testid="unlock">
                  {t('users.locks.unlock')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

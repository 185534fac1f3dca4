'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { signOut } from '@/app/actions/sign-out';
import { useI18n } from '../i18n-provider';

export function SignOutButton() {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      data-testid="sign-out"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await signOut();
          router.replace('/login');
          router.refresh();
        })
      }
      className="rounded-md px-2 py-1 text-xs text-slate-300 hover:bg-slate-800 hover:text-white"
    >
      {t('nav.signOut')}
    </button>
  );
}

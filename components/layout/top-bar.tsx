import Link from 'next/link';
import type { User } from '@/lib/auth/types';
import type { Translate } from '@/lib/i18n/translate';
import { LocaleSwitch } from './locale-switch';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';
import { ThemeSwitch } from './theme-switch';
import { ViewerZone } from './viewer-zone';

export function TopBar({ user, t }: { user: User; t: Translate }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-800 bg-slate-900">
      <div className="mx-auto flex h-12 max-w-7xl items-center gap-4 px-4">
        <span className="flex items-center gap-2 text-sm font-semibold text-white">
          <span className="inline-block h-5 w-5 rounded bg-sky-500" aria-hidden />
          {t('app.name')}
        </span>
        <NavLinks isAdmin={user.role === 'admin'} />
        <div className="ml-auto flex items-center gap-3">
          <ViewerZone />
          <ThemeSwitch />
          <LocaleSwitch />
          <Link
            href="/account"
            title={t('nav.account')}
            className="text-xs text-slate-300 hover:text-white"
            data-testid="current-user"
          >
            {user.username} <span className="text-slate-500">· {t(`roles.${user.role}`)}</span>
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

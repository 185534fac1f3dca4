'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useI18n } from '../i18n-provider';

const LINKS = [
  { href: '/', key: 'nav.fleet', adminOnly: false },
  { href: '/health', key: 'health.nav', adminOnly: false },
  { href: '/activity', key: 'jobs.nav', adminOnly: false },
  { href: '/check-log', key: 'logcheck.nav', adminOnly: false },
  { href: '/throughput', key: 'throughput.nav', adminOnly: false },
  { href: '/hosts', key: 'nav.hosts', adminOnly: true },
  { href: '/users', key: 'nav.users', adminOnly: true },
  { href: '/audit', key: 'nav.audit', adminOnly: true },
  { href: '/settings', key: 'settings.nav', adminOnly: true },
] as const;

/** Admin-only links are hidden for convenience; the pages and their actions check the role again on the server. */
export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useI18n();
  const pathname = usePathname();
  return (
    <nav className="flex items-center gap-1">
      {LINKS.filter((l) => isAdmin || !l.adminOnly).map((l) => {
        const active = l.href === '/' ? pathname === '/' : pathname.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            data-testid={`nav-${l.href === '/' ? 'fleet' : l.href.slice(1)}`}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-slate-700 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`}
          >
            {t(l.key)}
          </Link>
        );
      })}
    </nav>
  );
}

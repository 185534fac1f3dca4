import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { TopBar } from '@/components/layout/top-bar';
import { ToastProvider } from '@/components/ui/toast';
import { hasAnyUser } from '@/lib/auth/users';
import { ensureBootstrapped } from '@/lib/web/bootstrap';
import { serverTranslator } from '@/lib/web/locale';
import { currentUser } from '@/lib/web/session';

// Pages here need a signed-in user. This is navigation only: each route handler and action checks again.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) {
    await ensureBootstrapped();
    redirect((await hasAnyUser()) ? '/login' : '/setup');
  }
  const { t } = await serverTranslator();
  return (
    <ToastProvider>
      <TopBar user={user} t={t} />
      <main className="mx-auto max-w-7xl px-4 py-5">{children}</main>
    </ToastProvider>
  );
}

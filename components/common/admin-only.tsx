import type { ReactNode } from 'react';
import type { User } from '@/lib/auth/types';
import { Notice } from '../ui/notice';

/** Page-level gate for admin pages: a clear message instead of a half-working page (the API refuses anyway). */
export function AdminOnly({
  user,
  message,
  children,
}: {
  user: User | null;
  message: string;
  children: ReactNode;
}) {
  if (user?.role !== 'admin')
    return (
      <Notice tone="warning" testId="forbidden">
        {message}
      </Notice>
    );
  return <>{children}</>;
}

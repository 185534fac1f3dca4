'use client';

import { useI18n } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';

// Server errors reach the browser without their message (Next.js hides it); the digest links to the server log.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-2xl space-y-3 px-4 py-16">
      <h1 className="text-lg font-semibold text-slate-900">{t('errors.pageTitle')}</h1>
      <Notice tone="error">{t('errors.pageHint', { digest: error.digest ?? '—' })}</Notice>
      <Button onClick={reset}>{t('common.retry')}</Button>
    </div>
  );
}

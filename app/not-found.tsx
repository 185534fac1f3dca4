import Link from 'next/link';
import { serverTranslator } from '@/lib/web/locale';

export default async function NotFound() {
  const { t } = await serverTranslator();
  return (
    <div className="mx-auto max-w-2xl space-y-3 px-4 py-16">
      <h1 className="text-lg font-semibold text-slate-900">{t('errors.notFound')}</h1>
      <Link href="/" className="text-sky-700 hover:underline">
        {t('errors.backHome')}
      </Link>
    </div>
  );
}

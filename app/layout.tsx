import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import { messagesFor } from '@/lib/i18n/translate';
import { serverTranslator } from '@/lib/web/locale';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await serverTranslator();
  return { title: t('app.name'), description: t('app.tagline') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale } = await serverTranslator();
  return (
    <html lang={locale}>
      <body className="min-h-screen text-sm">
        <I18nProvider locale={locale} messages={messagesFor(locale)}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}

import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import { messagesFor } from '@/lib/i18n/translate';
import { serverTranslator } from '@/lib/web/locale';
import { themeChoice } from '@/lib/web/theme';
import './globals.css';
import './dark-theme.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await serverTranslator();
  return { title: t('app.name'), description: t('app.tagline') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale }, theme] = await Promise.all([serverTranslator(), themeChoice()]);
  return (
    <html lang={locale} data-theme={theme}>
      <body className="min-h-screen text-sm">
        <I18nProvider locale={locale} messages={messagesFor(locale)}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}

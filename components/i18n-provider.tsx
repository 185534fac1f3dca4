'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/locales';
import type { Messages } from '@/lib/i18n/messages/en';
import { hasMessage, translate, type Translate } from '@/lib/i18n/translate';

interface I18nValue {
  locale: Locale;
  t: Translate;
  /** For keys built at run time (error codes, container states) that may be missing from the catalog. */
  tMaybe: (key: string, vars?: Record<string, string | number>) => string | undefined;
}

const I18nContext = createContext<I18nValue | null>(null);

/** The server picks the locale and passes only that catalog down; components read it through useI18n(). */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo<I18nValue>(
    () => ({
      locale,
      t: (key, vars) => translate(messages, key, vars),
      tMaybe: (key, vars) =>
        hasMessage(messages, key) ? translate(messages, key, vars) : undefined,
    }),
    [locale, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

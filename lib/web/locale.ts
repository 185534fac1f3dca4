import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, pickLocale, type Locale } from '@/lib/i18n/locales';
import { createTranslator, type Translate } from '@/lib/i18n/translate';

/** The language switch's cookie, else the browser's Accept-Language. */
export async function currentLocale(): Promise<Locale> {
  const [jar, hdrs] = await Promise.all([cookies(), headers()]);
  return pickLocale(jar.get(LOCALE_COOKIE)?.value, hdrs.get('accept-language'));
}

export async function serverTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await currentLocale();
  return { locale, t: createTranslator(locale) };
}

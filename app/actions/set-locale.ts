'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/locales';
import { defineAction } from '@/lib/web/action';

const run = defineAction({
  name: 'ui.locale',
  role: 'public',
  input: z.object({ locale: z.enum(LOCALES) }),
  audit: 'self',
  handler: async ({ locale }) => {
    (await cookies()).set(LOCALE_COOKIE, locale, {
      path: '/',
      sameSite: 'lax',
      maxAge: 365 * 86400,
    });
    return locale;
  },
});

export async function setLocale(raw: unknown) {
  return run(raw);
}

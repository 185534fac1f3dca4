'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocale } from '@/app/actions/set-locale';
import { LOCALES, type Locale } from '@/lib/i18n/locales';
import { useI18n } from '../i18n-provider';

// Each language is named in itself, so the switch is readable whatever the current language is.
const NATIVE_NAME: Record<Locale, string> = { 'zh-CN': '中文', en: 'EN' };

export function LocaleSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(next: Locale) {
    if (next === locale) return;
    startTransition(async () => {
      const result = await setLocale({ locale: next });
      if (result.ok) router.refresh();
    });
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, named; not a form
    <div
      role="group"
      aria-label={t('nav.language')}
      className="inline-flex overflow-hidden rounded-md border border-slate-600 text-xs"
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          disabled={pending}
          data-testid={`locale-${l}`}
          aria-pressed={l === locale}
          onClick={() => choose(l)}
          className={`px-2 py-1 ${l === locale ? 'bg-slate-200 font-semibold text-slate-900' : 'text-slate-300 hover:bg-slate-700'}`}
        >
          {NATIVE_NAME[l]}
        </button>
      ))}
    </div>
  );
}

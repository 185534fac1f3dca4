'use client';

import { useEffect, useState } from 'react';
import { THEME_COOKIE, THEMES, type Theme } from '@/lib/web/theme-names';
import { useI18n } from '../i18n-provider';

/** System → light → dark: kept in a cookie of this browser; applied at once, without a reload. */
export function ThemeSwitch() {
  const { t } = useI18n();
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    const now = document.documentElement.dataset.theme;
    if ((THEMES as readonly string[]).includes(now ?? '')) setTheme(now as Theme);
  }, []);
  const next = () => {
    const to = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
    document.documentElement.dataset.theme = to;
    // biome-ignore lint/suspicious/noDocumentCookie: a display preference, read by the server's layout on the next page
    document.cookie = `${THEME_COOKIE}=${to}; path=/; max-age=31536000; samesite=lax`;
    setTheme(to);
  };
  return (
    <button
      type="button"
      onClick={next}
      data-testid="theme-switch"
      data-theme-choice={theme}
      title={t('nav.themeHint')}
      className="rounded-md px-2 py-1 text-xs text-slate-300 hover:bg-slate-800 hover:text-white"
    >
      {t(`nav.themes.${theme}`)}
    </button>
  );
}

'use client';

import type { Bilingual } from '@/lib/i18n/bilingual';
import { useI18n } from '../i18n-provider';

/** Picks the reader's language from a bilingual text that lib/ produced (remedy titles, notices, steps). */
export function useBi(): (b: Bilingual | undefined | null) => string {
  const { locale } = useI18n();
  return (b) => (b ? (locale === 'zh-CN' ? b.zh : b.en) : '');
}

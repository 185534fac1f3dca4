'use client';

import { useMemo } from 'react';
import { formatAxis, formatMoment, zoneLabel } from '@/lib/i18n/format-time';
import { useI18n } from '../i18n-provider';

/** The viewer's clock: moments in their time zone, the zone named (see lib/i18n/format-time.ts). */
export function useClock() {
  const { locale } = useI18n();
  return useMemo(
    () => ({
      zone: zoneLabel(locale),
      moment: (ms: number) => formatMoment(ms, locale),
      iso: (iso: string | null | undefined) => (iso ? formatMoment(Date.parse(iso), locale) : '—'),
      axis: (ms: number, spanS: number) => formatAxis(ms, locale, spanS),
    }),
    [locale],
  );
}

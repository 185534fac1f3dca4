'use client';

import { renderText, type Readable } from '@/lib/i18n/text';
import { useI18n } from '../i18n-provider';

/**
 * Renders a text that lib/ made (finding, remedy or step title, notice, verification) in the reader's language,
 * its moments in the viewer's time zone.
 */
export function useText(): (t: Readable | null | undefined) => string {
  const { locale } = useI18n();
  return (t) => renderText(t, locale);
}

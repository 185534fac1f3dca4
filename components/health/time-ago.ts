import type { Translate } from '@/lib/i18n/translate';

/** "12 s ago" / "3 min ago": the page polls, so this is re-rendered often enough without its own timer. */
export function timeAgo(iso: string | null | undefined, t: Translate, now = Date.now()): string {
  if (!iso) return '—';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 120 ? t('health.ago', { s }) : t('health.agoMin', { m: Math.round(s / 60) });
}

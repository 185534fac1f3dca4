import type { Translate } from '@/lib/i18n/translate';

/** "3d 4h" / "5h 12m": coarse on purpose, operators only need to see "just restarted" vs "up for days". */
export function formatUptime(
  startedAt: string | number | null | undefined,
  now: number,
  t: Translate,
): string | null {
  if (!startedAt) return null;
  const started = typeof startedAt === 'number' ? startedAt : Date.parse(startedAt);
  if (!Number.isFinite(started) || started <= 0) return null;
  const s = Math.max(0, Math.floor((now - started) / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('duration.days', { d, h });
  if (h > 0) return t('duration.hours', { h, m });
  if (m > 0) return t('duration.minutes', { m });
  return t('duration.seconds', { s });
}

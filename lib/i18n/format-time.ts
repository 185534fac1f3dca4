// One clock for the UI: every moment shown in the viewer's time zone, as `YYYY-MM-DD HH:MM:SS <zone>` in either
// language (never a US-style date), the zone named. No React: the CLI and tests use it too.
import type { Locale } from './locales';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export interface MomentParts {
  date: string;
  time: string;
  zone: string;
}

export function momentParts(ms: number, locale: Locale, timeZone?: string): MomentParts {
  const parts = Object.fromEntries(
    formatter(locale, timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    zone: parts.timeZoneName ?? '',
  };
}

/** `2026-12-03 00:01:41 GMT+8`: date, time and the zone's short name. */
export function formatMoment(ms: number, locale: Locale, timeZone?: string): string {
  const p = momentParts(ms, locale, timeZone);
  return `${p.date} ${p.time} ${p.zone}`.trim();
}

/** `HH:MM` (or `MM-DD HH:MM` for spans over a day) for chart axes; the zone is named once beside the chart. */
export function formatAxis(ms: number, locale: Locale, spanS: number, timeZone?: string): string {
  const p = momentParts(ms, locale, timeZone);
  return spanS > 86_400 ? `${p.date.slice(5)} ${p.time.slice(0, 5)}` : p.time.slice(0, 5);
}

/** The viewer's zone as an IANA name with its short name, e.g. `Asia/Shanghai (GMT+8)`. */
export function zoneLabel(locale: Locale, timeZone?: string): string {
  const name = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const short = momentParts(Date.now(), locale, timeZone).zone;
  return short && short !== name ? `${name} (${short})` : name;
}

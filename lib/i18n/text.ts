// The one shape of a text that lib/ makes for people (findings, evidence, remedy and step titles, notices,
// verifications, restore hints): a catalog key and its values. The server never picks a language; the page and the
// CLI render it in the reader's language, moments in the reader's time zone.
import { formatMoment } from './format-time';
import type { Locale } from './locales';
import { type MessageKey, messagesFor, translate } from './translate';

/**
 * A value: text or a number as is; `{at}` a moment (epoch ms) formatted where it is read, in that zone; `{local}`
 * a time as a log wrote it (zone unknown, shown as written); `{text}` another text (a title, a window).
 */
export type TextValue = string | number | { at: number } | { local: string } | { text: Text };
export type TextValues = Record<string, TextValue>;

export interface Text {
  key: MessageKey;
  values?: TextValues;
}

/** Jobs stored before texts were catalog keys carry both languages inline; such a job still reads. */
export interface StoredBilingual {
  en: string;
  zh: string;
}

export type Readable = Text | StoredBilingual;

export function text(key: MessageKey, values?: TextValues): Text {
  return values ? { key, values } : { key };
}

/** Formats a moment for the reader: the UI passes the viewer's zone, the CLI uses the machine's. */
export type TimeFormatter = (epochMs: number, locale: Locale) => string;

const machineTime: TimeFormatter = (ms, locale) => formatMoment(ms, locale);

function renderValue(v: TextValue, locale: Locale, fmt: TimeFormatter): string | number {
  if (typeof v !== 'object') return v;
  if ('at' in v) return fmt(v.at, locale);
  if ('local' in v) return v.local;
  return renderText(v.text, locale, fmt);
}

export function renderText(
  t: Readable | null | undefined,
  locale: Locale,
  fmt: TimeFormatter = machineTime,
): string {
  if (!t) return '';
  if ('en' in t) return locale === 'zh-CN' ? t.zh : t.en;
  // Every value is rendered first (moments, nested texts), then the catalog fills its template once (plural forms
  // included): a value that itself contains `{name}` (a remote error text) is never filled again.
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(t.values ?? {})) vars[k] = renderValue(v, locale, fmt);
  return translate(messagesFor(locale), t.key, t.values ? vars : undefined);
}

export function isText(v: unknown): v is Readable {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.key === 'string' || (typeof o.en === 'string' && typeof o.zh === 'string');
}

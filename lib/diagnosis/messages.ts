// Findings and evidence carry only `{id, params}` so the UI (or the CLI) renders them in the reader's language from
// the catalogs (lib/i18n/messages/diagnosis.*.ts); `{name}` placeholders are filled from params.
import type { diagnosisEn } from '@/lib/i18n/messages/diagnosis.en';
import { messagesFor, translate } from '@/lib/i18n/translate';
import { signatureById, type SignatureId } from './signatures';

export type Lang = 'zh' | 'en';
/**
 * A placeholder's value: text or a number as is; `{at}` a moment (epoch ms) that the reader's side formats in its
 * own time zone; `{local}` a time as a log wrote it (zone unknown, shown as written); `{sig}` a signature's title;
 * `{ref}` another message (e.g. the window a count holds over).
 */
export type ParamValue =
  | string
  | number
  | { at: number }
  | { local: string }
  | { sig: SignatureId }
  | { ref: MessageRef };
export type Params = Record<string, ParamValue>;
export interface MessageRef {
  id: MessageId;
  params: Params;
}

// The texts live in the UI catalogs (lib/i18n/messages/diagnosis.*.ts); an id is `group.name` there.
type Groups = (typeof diagnosisEn)['diagnosis'];
export type MessageId = {
  [G in keyof Groups & string]: `${G}.${keyof Groups[G] & string}`;
}[keyof Groups & string];

export function msg(id: MessageId, params: Params = {}): MessageRef {
  return { id, params };
}

/** Formats a moment for the reader: the UI passes the viewer's zone, the CLI the machine's. */
export type TimeFormatter = (epochMs: number, lang: Lang) => string;

/** `YYYY-MM-DD HH:MM:SS <zone>` in the process's own time zone, the zone named (CLI, server-side text). */
export const localTimeFormatter: TimeFormatter = (ms, lang) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone =
    off === 0
      ? 'UTC'
      : `UTC${off > 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  const text = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return lang === 'zh' ? `${text}（${zone}）` : `${text} ${zone}`;
};

function renderValue(v: ParamValue, lang: Lang, fmt: TimeFormatter): string {
  if (typeof v !== 'object') return String(v);
  if ('at' in v) return fmt(v.at, lang);
  if ('local' in v) return v.local;
  if ('sig' in v) return signatureById(v.sig).title[lang];
  return renderMessage(v.ref, lang, fmt);
}

export function renderMessage(
  ref: MessageRef,
  lang: Lang,
  fmt: TimeFormatter = localTimeFormatter,
): string {
  // Every value rendered first (moments, signatures, nested messages), then one pass of the catalog's own filling
  // (plural forms included): a value that itself contains `{name}` (a remote error text) is never filled again.
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(ref.params))
    vars[k] = typeof v === 'number' ? v : renderValue(v, lang, fmt);
  return translate(messagesFor(lang === 'zh' ? 'zh-CN' : 'en'), `diagnosis.${ref.id}`, vars);
}

import type { Messages } from './messages/en';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';
import type { Locale } from './locales';

const catalogs: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** Dotted paths of every leaf string in the catalog, e.g. "fleet.title". */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    // Own keys only: a key such as `errors.constructor` (codes and states come from outside) finds nothing.
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

// `{count, plural, one {# event} other {# events}}`: the form the catalog's language uses for that number (English
// one/other; Chinese has one form), `#` the number. ICU's syntax, the subset the catalogs need.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other) \{[^{}]*\})+)\s*\}/g;
const CASE = /(=\d+|zero|one|two|few|many|other) \{([^{}]*)\}/g;
const pluralRules = new Map<string, Intl.PluralRules>();

function plural(locale: string, n: number, cases: string): string | undefined {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const forms = new Map([...cases.matchAll(CASE)].map((m) => [m[1]!, m[2]!]));
  const form = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get('other');
  return form?.replace(/#/g, String(n));
}

/**
 * `{name}` placeholders are filled from vars, plural blocks pick their form; an unknown key shows itself so a gap
 * is visible, not blank.
 */
export function translate(messages: Messages, key: string, vars?: MessageVars): string {
  const template = lookup(messages, key) ?? key;
  if (!vars) return template;
  const locale = messages === catalogs['zh-CN'] ? 'zh-CN' : 'en';
  return template
    .replace(PLURAL, (whole, name: string, cases: string) => {
      const n = Object.hasOwn(vars, name) ? Number(vars[name]) : Number.NaN;
      return Number.isFinite(n) ? (plural(locale, n, cases) ?? whole) : whole;
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(vars, name) ? String(vars[name]) : whole,
    );
}

/** Like translate, but reports whether the key exists (for server error codes that may be new). */
export function hasMessage(messages: Messages, key: string): boolean {
  return lookup(messages, key) !== undefined;
}

export function createTranslator(locale: Locale): Translate {
  const messages = messagesFor(locale);
  return (key, vars) => translate(messages, key, vars);
}

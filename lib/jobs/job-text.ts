import { type Readable, renderText, type Text, type TextValue, text } from '@/lib/i18n/text';

// Texts a job writes are often built from other texts: a step's title, a remedy's state, the service's state. A job
// stored before texts were catalog keys holds those with both languages inline; a text built from one is then kept
// the same way, each language rendered from its own words, so that neither language reads the other's.

/** Gives `build` each part as a value; a part stored with both languages inline makes the whole text so. */
export function composed(build: (part: (r: Readable) => TextValue) => Text): Readable {
  let stored = false;
  const t = build((r) => {
    if (!('en' in r)) return { text: r };
    stored = true;
    return r.en;
  });
  if (!stored) return t;
  const inLanguage = (lang: 'en' | 'zh') => build((r) => ('en' in r ? r[lang] : { text: r }));
  return { en: renderText(inLanguage('en'), 'en'), zh: renderText(inLanguage('zh'), 'zh-CN') };
}

function chain(key: 'jobNotes.join.sentences' | 'jobNotes.join.list', items: Readable[]): Readable {
  return items.reduceRight((rest, first) =>
    composed((p) => text(key, { first: p(first), rest: p(rest) })),
  );
}

/** Sentences one after another; absent ones are left out (null when none is left). */
export function sentences(...items: (Readable | null | undefined)[]): Readable | null {
  const present = items.filter((t): t is Readable => !!t);
  return present.length ? chain('jobNotes.join.sentences', present) : null;
}

/** Items of a list, separated by semicolons (at least one). */
export function listOf(items: Readable[]): Readable {
  return chain('jobNotes.join.list', items);
}

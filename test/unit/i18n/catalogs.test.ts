// One i18n model: the findings' and evidence texts come from the same catalogs as the pages (typed keys, both
// languages), and counts take the plural form their language uses ("1 line", not "1 lines").
import { describe, expect, it } from 'vitest';
import { msg } from '@/lib/diagnosis/messages';
import { en } from '@/lib/i18n/messages/en';
import { renderText, text } from '@/lib/i18n/text';
import { createTranslator, type MessageKey, messagesFor, translate } from '@/lib/i18n/translate';

const enT = createTranslator('en');
const zhT = createTranslator('zh-CN');

describe('plural forms', () => {
  it('English says one and many; Chinese has one form', () => {
    expect(enT('health.subtitle', { containers: 1, hosts: 1, seconds: 30 })).toBe(
      '1 container on 1 host · each host probed every 30 s',
    );
    expect(enT('health.subtitle', { containers: 3, hosts: 2, seconds: 30 })).toBe(
      '3 containers on 2 hosts · each host probed every 30 s',
    );
    expect(enT('fleet.otherContainers', { count: 0 })).toBe('0 other containers');
    expect(zhT('health.subtitle', { containers: 1, hosts: 1, seconds: 30 })).toBe(
      '1 台主机上的 1 个容器 · 每台主机每 30 秒探测一次',
    );
  });

  it('a count that is missing leaves the block visible rather than guessing', () => {
    expect(enT('fleet.otherContainers', {})).toContain('{count, plural,');
  });
});

// Texts that lib/ makes (findings, evidence, signatures, remedy steps and notices, job notes) are catalog keys.
const LIB_GROUPS = ['diagnosis', 'signatures', 'remedies', 'jobNotes'] as const;

function leaves(node: unknown, path: string): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
    leaves(v, path ? `${path}.${k}` : k),
  );
}

// Placeholder names of a template: `{name}` and the variable of a plural block.
const placeholders = (template: string) =>
  new Set([...template.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]!));

describe('texts made in lib/ come from the catalogs', () => {
  const texts = LIB_GROUPS.flatMap((g) => leaves(en[g], g));

  it('every one renders in both languages with the same placeholders and none left over', () => {
    expect(texts.length).toBeGreaterThan(120);
    for (const [key, template] of texts) {
      const zhTemplate = translate(messagesFor('zh-CN'), key);
      expect(placeholders(zhTemplate), key).toEqual(placeholders(template));
      const values = Object.fromEntries([...placeholders(template)].map((n) => [n, 1]));
      const zh = renderText(text(key as MessageKey, values), 'zh-CN');
      const e = renderText(text(key as MessageKey, values), 'en');
      // A purely technical line (`[digital] batch_size = 1`) reads the same in both languages; the English
      // text may quote the service's own Chinese log words, in quotes.
      if (zh !== e) expect(zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(e.replace(/"[^"]*"/g, ''), key).not.toMatch(/[\u4e00-\u9fff]/);
      expect(`${e} ${zh}`, key).not.toMatch(/\{\w+\}|, plural,/);
    }
  });

  it('a value that itself holds a placeholder is inserted as it is, never filled again', () => {
    const out = renderText(msg('ev.ort_session_error', { error: 'bad {window} in {error}' }), 'en');
    expect(out).toBe('Could not create a test session: bad {window} in {error}');
  });

  it('an event count takes its plural form in English', () => {
    const one = {
      signature: 'queue full',
      count: 1,
      window: 'now',
      first: 'x',
      last: 'y',
      tasks: '-',
    };
    expect(renderText(msg('ev.signature_hits', one), 'en')).toMatch(/^queue full: 1 event now/);
    expect(renderText(msg('ev.signature_hits', { ...one, count: 6 }), 'en')).toMatch(
      /^queue full: 6 events now/,
    );
  });

  it('a job stored with both languages inline still reads', () => {
    expect(renderText({ en: 'Write config.ini', zh: '写入 config.ini' }, 'zh-CN')).toBe(
      '写入 config.ini',
    );
    expect(renderText({ en: 'Write config.ini', zh: '写入 config.ini' }, 'en')).toBe(
      'Write config.ini',
    );
  });
});

// One i18n model: the findings' and evidence texts come from the same catalogs as the pages (typed keys, both
// languages), and counts take the plural form their language uses ("1 line", not "1 lines").
import { describe, expect, it } from 'vitest';
import { renderMessage, type MessageId } from '@/lib/diagnosis/messages';
import { en } from '@/lib/i18n/messages/en';
import { createTranslator } from '@/lib/i18n/translate';

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

describe('diagnosis texts from the catalogs', () => {
  const ids = Object.entries(en.diagnosis).flatMap(([group, texts]) =>
    Object.keys(texts).map((name) => `${group}.${name}` as MessageId),
  );

  it('every finding, evidence and window text renders in both languages with no placeholder left', () => {
    expect(ids.length).toBeGreaterThan(40);
    const params = {
      signature: 'S',
      count: 1,
      window: 'W',
      first: 'a',
      last: 'b',
      tasks: 'T',
    };
    for (const id of ids) {
      const zh = renderMessage({ id, params }, 'zh');
      const e = renderMessage({ id, params }, 'en');
      // A purely technical line (`[digital] batch_size = 1`) reads the same in both languages.
      if (zh !== e) expect(zh, id).toMatch(/[\u4e00-\u9fff]/);
      expect(e, id).not.toMatch(/[\u4e00-\u9fff]/);
      expect(e, id).not.toMatch(/, plural,/);
    }
  });

  it('a value that itself holds a placeholder is inserted as it is, never filled again', () => {
    const text = renderMessage(
      { id: 'ev.ort_session_error', params: { error: 'bad {window} in {error}' } },
      'en',
    );
    expect(text).toBe('Could not create a test session: bad {window} in {error}');
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
    expect(renderMessage({ id: 'ev.signature_hits', params: one }, 'en')).toMatch(
      /^queue full: 1 event now/,
    );
    expect(renderMessage({ id: 'ev.signature_hits', params: { ...one, count: 6 } }, 'en')).toMatch(
      /^queue full: 6 events now/,
    );
  });
});

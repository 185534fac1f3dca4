// Validator rules reach the browser as catalog codes with their values, so a Chinese page says them in Chinese:
// before, a remedy option or a settings field refused by lib/validate showed its English sentence in the zh-CN UI.
import { describe, expect, it } from 'vitest';
import { createTranslator, type MessageKey } from '@/lib/i18n/translate';
import { remedyModule } from '@/lib/remedies';
import { DEFAULT_REMEDY_DEFAULTS, remedyDefaultsSchema } from '@/lib/remedies/settings';
import {
  byteSize,
  containerRef,
  indexUrl,
  integerInRange,
  packageVersion,
  type ValueProblem,
} from '@/lib/validate/values';
import { toActionError, zodIssues } from '@/lib/web/errors';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');
const say = (t: typeof zh, f: { rule: string; params?: Record<string, string | number> }) =>
  t(`validation.${f.rule}` as MessageKey, f.params);

function problem(r: { ok: boolean; problem?: ValueProblem }): ValueProblem {
  if (r.ok || !r.problem) throw new Error('expected a refusal');
  return r.problem;
}

describe('validator rules as catalog codes', () => {
  const refusals: ValueProblem[] = [
    problem(packageVersion('version', '')),
    problem(packageVersion('version', 'a\u0000')),
    problem(packageVersion('version', '1'.repeat(40))),
    problem(packageVersion('version', 'latest')),
    problem(containerRef('container', '-x')),
    problem(integerInRange('batchSize', 'x', 1, 64)),
    problem(integerInRange('batchSize', 65, 1, 64)),
    problem(indexUrl('indexUrl', 'a b', [])),
    problem(indexUrl('indexUrl', `https://x/${'a'.repeat(600)}`, [])),
    problem(indexUrl('indexUrl', 'not a url', [])),
    problem(indexUrl('indexUrl', 'notaurl', [])),
    problem(indexUrl('indexUrl', 'ftp://mirror/simple', ['mirror'])),
    problem(indexUrl('indexUrl', 'https://u:p@mirror/simple', ['mirror'])),
    problem(indexUrl('indexUrl', 'https://mirror/simple?x=1', ['mirror'])),
    problem(indexUrl('indexUrl', 'https://mirror/sim(ple', ['mirror'])),
    problem(indexUrl('indexUrl', 'https://evil.example/simple', ['mirror'])),
    problem(byteSize('size', 'lots', 1024, 2048)),
    problem(byteSize('size', '4k', 1024, 2048)),
    problem(byteSize('size', 4096, 1024, 2048)),
  ];

  it('every refusal has a Chinese and an English sentence in the catalogs, its values filled in', () => {
    for (const p of refusals) {
      const f = { rule: p.code, params: p.params };
      const zhText = say(zh, f);
      expect(zhText, p.rule).not.toBe(`validation.${p.code}`);
      expect(zhText, p.rule).toMatch(/[\u4e00-\u9fff]/);
      expect(zhText, p.rule).not.toMatch(/\{\w+\}/);
      expect(say(en, f), p.code).not.toMatch(/\{\w+\}|^validation\./);
    }
    expect(new Set(refusals.map((p) => p.code)).size).toBeGreaterThanOrEqual(14);
  });

  it('a remedy option refused by a validator reaches the browser as its code and values', () => {
    let thrown: unknown;
    try {
      remedyModule('batch-size').params({ batchSize: 99 }, DEFAULT_REMEDY_DEFAULTS);
    } catch (err) {
      thrown = err;
    }
    const field = toActionError(thrown).fields?.[0];
    expect(field).toMatchObject({ field: 'batchSize', rule: 'number_range' });
    expect(say(zh, field!)).toBe('须在 1 到 64 之间');
    expect(field?.message).toBe('must be from 1 to 64');
  });

  it('a settings field refused by a validator inside a zod schema keeps its code and values', () => {
    const r = remedyDefaultsSchema.safeParse({
      ...DEFAULT_REMEDY_DEFAULTS,
      allowedIndexHosts: ['mirror.local'],
      indexUrl: 'https://evil.example/simple',
    });
    expect(r.success).toBe(false);
    const field = zodIssues(r.error!).find((f) => f.field === 'indexUrl');
    expect(field).toMatchObject({
      rule: 'index_host_not_allowed',
      params: { host: 'evil.example' },
    });
    expect(say(zh, field!)).toBe('主机 evil.example 不在允许的索引主机列表中');
  });
});

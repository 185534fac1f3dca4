import { describe, expect, it } from 'vitest';
import {
  byteSize,
  containerRef,
  indexUrl,
  integerInRange,
  packageVersion,
} from '@/lib/validate/values';

describe('packageVersion', () => {
  it.each(['1.16.0', '1.18.0', '1.16', '2.0.0rc1', '1.17.1.post1', '1!2.0'])('accepts %s', (v) => {
    expect(packageVersion('version', v)).toEqual({ ok: true, value: v });
  });
  it.each([
    '1.16.0; rm -rf /',
    '1.16.0\nid',
    '$(id)',
    '../',
    '-1.0',
    '1.16.0 ',
    '',
    '1..2',
    'latest',
    '1.0+local',
    '1.0\u0000',
  ])('refuses %j naming the field and rule', (v) => {
    const r = packageVersion('version', v);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.field).toBe('version');
      expect(r.problem.rule.length).toBeGreaterThan(5);
    }
  });
});

describe('containerRef', () => {
  it.each(['starpainting-digital-human-service-1', 'a.b_c-1', 'f'.repeat(64)])(
    'accepts %s',
    (v) => {
      expect(containerRef('container', v).ok).toBe(true);
    },
  );
  it.each(['-oProxyCommand=x', 'a b', '../x', 'x/y', '', 'a\nb', '_x'])('refuses %j', (v) => {
    expect(containerRef('container', v).ok).toBe(false);
  });
});

describe('integerInRange', () => {
  it('accepts numbers and digit strings inside the range', () => {
    expect(integerInRange('batch_size', 1, 1, 64)).toEqual({ ok: true, value: 1 });
    expect(integerInRange('batch_size', '8', 1, 64)).toEqual({ ok: true, value: 8 });
  });
  it.each([0, -1, 1e9, 'abc', '1.5', 1.5, '', null, '1; id'])('refuses %j', (v) => {
    expect(integerInRange('batch_size', v, 1, 64).ok).toBe(false);
  });
});

describe('indexUrl', () => {
  const hosts = ['pypi.tuna.tsinghua.edu.cn', '127.0.0.1:3141'];
  it('accepts an allowed mirror', () => {
    expect(indexUrl('indexUrl', 'https://pypi.tuna.tsinghua.edu.cn/simple', hosts)).toEqual({
      ok: true,
      value: 'https://pypi.tuna.tsinghua.edu.cn/simple',
    });
    expect(indexUrl('indexUrl', 'http://127.0.0.1:3141/simple/', hosts).ok).toBe(true);
  });
  it.each([
    'file:///',
    'http://169.254.169.254/',
    '--trusted-host x',
    'https://evil.example/simple',
    'https://user:pw@pypi.tuna.tsinghua.edu.cn/simple',
    'https://pypi.tuna.tsinghua.edu.cn/simple?x=1',
    'https://pypi.tuna.tsinghua.edu.cn/simple;id',
    'ftp://pypi.tuna.tsinghua.edu.cn/',
  ])('refuses %j', (v) => {
    const r = indexUrl('indexUrl', v, hosts);
    expect(r.ok).toBe(false);
  });
});

describe('byteSize', () => {
  it('parses docker-style sizes', () => {
    expect(byteSize('size', '2g', 64 * 1024 ** 2, 64 * 1024 ** 3)).toEqual({
      ok: true,
      value: 2 * 1024 ** 3,
    });
    expect(byteSize('size', '512m', 64 * 1024 ** 2, 64 * 1024 ** 3)).toEqual({
      ok: true,
      value: 512 * 1024 ** 2,
    });
  });
  it.each(['2 g; id', '-2g', '99999g', 'abc', '1k'])('refuses %j', (v) => {
    expect(byteSize('size', v, 64 * 1024 ** 2, 64 * 1024 ** 3).ok).toBe(false);
  });
});

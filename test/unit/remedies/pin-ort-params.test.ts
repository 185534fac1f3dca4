import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { renderText } from '@/lib/i18n/text';
import { compatNotices, pinOrt } from '@/lib/remedies/modules/pin-ort';
import { DEFAULT_REMEDY_DEFAULTS as D } from '@/lib/remedies/settings';

const fields = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
};

describe('pin-ort parameters', () => {
  it("defaults to the admin default version and pip's own index", () => {
    expect(pinOrt.params({}, D)).toEqual({ version: '1.16.0', indexUrl: null });
  });

  it.each([['1.16.0; rm -rf /'], ['1.16.0\nid'], ['$(id)'], ['../'], ['-e x'], ['']])(
    'refuses version %j',
    (version) => {
      expect(fields(() => pinOrt.params({ version }, D))).toEqual(['version']);
    },
  );

  it.each([
    ['file:///'],
    ['http://169.254.169.254/'],
    ['--trusted-host x'],
    ['ftp://pypi.org/simple/'],
    ['https://evil.example/simple/'],
  ])('refuses index URL %j', (indexUrl) => {
    expect(fields(() => pinOrt.params({ indexUrl }, D))).toEqual(['indexUrl']);
  });

  it('takes an allowed mirror, and refuses unknown options', () => {
    expect(pinOrt.params({ indexUrl: 'https://mirrors.aliyun.com/pypi/simple/' }, D).indexUrl).toBe(
      'https://mirrors.aliyun.com/pypi/simple/',
    );
    expect(fields(() => pinOrt.params({ versoin: '1.16.0' }, D))).toEqual(['versoin']);
  });
});

describe('compatibility notices', () => {
  it('a version that cannot load CUDA with the libraries present: warn, or block per setting', () => {
    const warn = compatNotices('1.16.0', [12], [9], D);
    expect(warn.map((n) => n.level)).toEqual(['info', 'warn']);
    expect(renderText(warn[1]!.text, 'en')).toMatch(/cannot load CUDA.*1\.19\.2/);
    expect(
      compatNotices('1.16.0', [12], [9], { ...D, compatPolicy: 'block' }).map((n) => n.level),
    ).toEqual(['info', 'block']);
  });

  it('a matching version only states the truth', () => {
    expect(compatNotices('1.16.0', [11], [8], D).map((n) => n.level)).toEqual(['info']);
  });
});

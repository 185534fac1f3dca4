// A version the index does not have is named as missing, with the versions near it (pip's own listing format).
import { describe, expect, it } from 'vitest';
import { missingVersionNotice, nearestVersions, parseIndexVersions } from '@/lib/remedies/modules/index-versions';

// `pip index versions onnxruntime-gpu` (pip 23) against an index with these files.
const PIP_OUTPUT = 'onnxruntime-gpu (1.19.2)\nAvailable versions: 1.19.2, 1.18.1, 1.18.0, 1.17.1, 1.16.3, 1.16.0, 1.15.1\n';

describe('index versions', () => {
  it('reads pip\'s listing and picks the versions nearest to the one asked for', () => {
    const all = parseIndexVersions(PIP_OUTPUT)!;
    expect(all).toHaveLength(7);
    expect(nearestVersions('1.16.9', all)).toEqual(['1.16.0', '1.16.3', '1.17.1', '1.18.0', '1.18.1']);
    expect(nearestVersions('9.9.9', all)).toEqual(['1.16.3', '1.17.1', '1.18.0', '1.18.1', '1.19.2']);
    expect(nearestVersions('0.1', all)).toEqual(['1.15.1', '1.16.0', '1.16.3', '1.17.1', '1.18.0']);
    expect(parseIndexVersions('ERROR: No matching distribution found for onnxruntime-gpu')).toBeNull();
  });

  it('blocks with a sentence in both languages that names the index', () => {
    const n = missingVersionNotice('onnxruntime-gpu', '9.9.9', { en: 'http://mirror/simple/', zh: 'http://mirror/simple/' }, ['1.16.0']);
    expect(n).toEqual({
      level: 'block',
      en: 'onnxruntime-gpu 9.9.9 is not on http://mirror/simple/. Versions there nearest to it: 1.16.0.',
      zh: 'http://mirror/simple/上没有 onnxruntime-gpu 9.9.9。该索引上与之最接近的版本：1.16.0。',
    });
  });
});

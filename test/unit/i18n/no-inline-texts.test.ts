// One i18n model: a text lib/ makes for people is a catalog key (lib/i18n/text.ts), never a pair of languages
// written next to the code. This reads the tree the way a reviewer would grep it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const CATALOGS = path.join('lib', 'i18n', 'messages');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return rel.startsWith(CATALOGS) ? [] : sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe('texts for people live in the catalogs', () => {
  it('no file of lib/, cli/ or components/ writes a Chinese-and-English pair inline', () => {
    const files = ['lib', 'cli', 'components', 'app'].flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    const pairs = files.filter((f) =>
      /\bzh: ['"`]|\bbi\(\s*['"`]/.test(readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(pairs).toEqual([]);
  });
});

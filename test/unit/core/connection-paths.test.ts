import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// "Nothing else in the code opens connections": only lib/remote may load ssh2's Client or dockerode at run
// time, and every ssh2 Client it creates is given a hostVerifier.

const root = path.resolve(__dirname, '../../..');
const dirs = ['lib', 'app', 'cli', 'components'];

function sources(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs|js)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const runtimeImport = (text: string, pkg: string): boolean =>
  new RegExp(
    `^import (?!type )[^;]*from '${pkg}'|require\\('${pkg}'\\)|import\\('${pkg}'\\)`,
    'm',
  ).test(text);

describe('connection paths', () => {
  const files = dirs.flatMap(sources);

  it('finds the sources it checks', () => {
    expect(files).toContain('lib/remote/connection.ts');
  });

  it('loads dockerode and the ssh2 client only in lib/remote', () => {
    const offenders = files.filter((f) => {
      if (f.startsWith('lib/remote/')) return false;
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      // lib/hosts/keys.ts uses ssh2's key parser (utils) and never a Client.
      const ssh = runtimeImport(text, 'ssh2') && (f !== 'lib/hosts/keys.ts' || /Client/.test(text));
      return ssh || runtimeImport(text, 'dockerode') || runtimeImport(text, 'docker-modem');
    });
    expect(offenders).toEqual([]);
  });

  it('gives every ssh2 Client a hostVerifier in the same function', () => {
    const creators = files.filter((f) =>
      /new ssh2\.Client\(|new Client\(/.test(fs.readFileSync(path.join(root, f), 'utf8')),
    );
    expect(creators.sort()).toEqual(['lib/remote/connection.ts', 'lib/remote/probe-host-key.ts']);
    for (const f of creators) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      expect(text.split(/new ssh2\.Client\(/).length - 1, f).toBe(
        text.split(/hostVerifier: \(key: Buffer\)/).length - 1,
      );
    }
  });
});

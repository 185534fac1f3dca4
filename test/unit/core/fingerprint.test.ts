import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '@/lib/remote/fingerprint';
import { FINGERPRINT_RE } from '@/lib/hosts/schema';

describe('host key fingerprints', () => {
  it.each(['ed25519', 'ecdsa', 'rsa'])('match ssh-keygen -lf for an %s key', (type) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-fp-'));
    try {
      const file = path.join(dir, 'k');
      execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file], {
        stdio: 'ignore',
        timeout: 60_000,
      });
      const pub = fs.readFileSync(`${file}.pub`, 'utf8').split(' ');
      const raw = Buffer.from(pub[1]!, 'base64');
      const expected = execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      }).split(' ')[1];
      expect(fingerprintOf(raw)).toBe(expected);
      expect(fingerprintOf(raw)).toMatch(FINGERPRINT_RE);
      expect(fingerprintOf(raw)).not.toContain('=');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

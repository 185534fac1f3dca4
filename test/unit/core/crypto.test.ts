import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/crypto/password';
import { openSecret, sealSecret } from '@/lib/crypto/secretbox';
import { addHost } from '@/lib/hosts/service';
import { generateKeyPair } from '@/lib/hosts/keys';
import { CLI_ADMIN } from '@/lib/auth/types';
import { closeDb, getDb } from '@/lib/store/db';
import { useTempDataDir } from './temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => {
  delete process.env.CONSOLE_SECRET;
  tmp.dispose();
});

describe('passwords', () => {
  it('hash with scrypt, explicit parameters and a per-user salt', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
  });
});

describe('master key and secrets', () => {
  it('creates <dataDir>/master.key with mode 0600 on first run', () => {
    getDb();
    const st = fs.statSync(path.join(tmp.dir, 'master.key'));
    expect(st.mode & 0o777).toBe(0o600);
  });

  it('round-trips a secret and rejects one moved to another context', () => {
    getDb();
    const sealed = sealSecret('hello', 'host:a:private_key');
    expect(sealed).not.toContain('hello');
    expect(openSecret(sealed, 'host:a:private_key')).toBe('hello');
    expect(() => openSecret(sealed, 'host:b:private_key')).toThrow(/failed authentication/);
  });

  it('stops at start when the key file is replaced', () => {
    getDb();
    closeDb();
    fs.writeFileSync(path.join(tmp.dir, 'master.key'), crypto.randomBytes(32).toString('base64'), {
      mode: 0o600,
    });
    expect(() => getDb()).toThrow(/not the one this database was created with/);
  });

  it('stops at start when the key file is missing for an existing database', () => {
    getDb();
    closeDb();
    fs.rmSync(path.join(tmp.dir, 'master.key'));
    expect(() => getDb()).toThrow(/master key file .* is missing/);
    expect(fs.existsSync(path.join(tmp.dir, 'master.key'))).toBe(false);
  });

  it('refuses a key file readable by others', () => {
    getDb();
    closeDb();
    fs.chmodSync(path.join(tmp.dir, 'master.key'), 0o644);
    expect(() => getDb()).toThrow(/chmod 600/);
  });

  it('uses CONSOLE_SECRET (hex or base64) and rejects a wrong or malformed one', () => {
    const key = crypto.randomBytes(32);
    process.env.CONSOLE_SECRET = key.toString('hex');
    getDb();
    expect(fs.existsSync(path.join(tmp.dir, 'master.key'))).toBe(false);
    closeDb();
    process.env.CONSOLE_SECRET = key.toString('base64');
    getDb();
    closeDb();
    process.env.CONSOLE_SECRET = crypto.randomBytes(32).toString('hex');
    expect(() => getDb()).toThrow(/CONSOLE_SECRET is not the one/);
    process.env.CONSOLE_SECRET = 'too-short';
    expect(() => getDb()).toThrow(/CONSOLE_SECRET must be 32 bytes/);
  });

  it('leaves no private key readable in the database file', async () => {
    const { privateKey } = generateKeyPair();
    await addHost(CLI_ADMIN, {
      name: 'h1',
      address: '10.0.0.1',
      user: 'root',
      privateKey,
      groups: [],
    });
    closeDb();
    const files = fs.readdirSync(tmp.dir).filter((f) => f.startsWith('console.db'));
    expect(files).toContain('console.db');
    for (const f of files) {
      const r = (() => {
        try {
          return execFileSync('grep', ['-c', 'PRIVATE KEY', path.join(tmp.dir, f)], {
            encoding: 'utf8',
          });
        } catch (err) {
          return (err as { stdout: string }).stdout;
        }
      })();
      expect(r.trim(), `grep in ${f}`).toBe('0');
    }
    const body = privateKey.split('\n')[2] ?? '';
    expect(body.length).toBeGreaterThan(20);
    for (const f of files)
      expect(fs.readFileSync(path.join(tmp.dir, f)).includes(body)).toBe(false);
  });
});

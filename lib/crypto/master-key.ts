import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { consoleSecret, dataDir, masterKeyPath } from '../config';
import { StoreError } from '@/lib/errors';
import { makePrivateDirSync } from '@/lib/files/private';

// The master key protects every secret at rest. It comes from CONSOLE_SECRET or from <dataDir>/master.key
// (created on first run, mode 0600). The database keeps a check value so that a different key is caught at
// start instead of producing garbage or, worse, a silent fallback to plain text.

const CHECK_META_KEY = 'master_key_check';
const CHECK_LABEL = 'dh-fleet-console master key check v1';

interface Meta {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

let checked: { dir: string; key: Buffer } | null = null;

export function parseSecret(text: string, origin: string): Buffer {
  const t = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t))
    key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key?.length !== 32) {
    throw new StoreError(
      `${origin} must be 32 bytes written as 64 hex digits or base64`,
      'master_key',
    );
  }
  return key;
}

function readKeyFile(file: string): Buffer {
  const st = fs.statSync(file);
  if ((st.mode & 0o077) !== 0) {
    throw new StoreError(
      `master key file ${file} is readable by group or others (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 on it`,
      'master_key',
    );
  }
  return parseSecret(fs.readFileSync(file, 'utf8'), `master key file ${file}`);
}

function createKeyFile(file: string): Buffer {
  makePrivateDirSync(path.dirname(file));
  const key = crypto.randomBytes(32);
  // 'wx': never overwrite a key another process created a moment ago.
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

function checkValue(key: Buffer): string {
  return crypto.createHmac('sha256', key).update(CHECK_LABEL).digest('hex');
}

function loadKey(hasCheck: boolean): Buffer {
  const secret = consoleSecret();
  if (secret) return parseSecret(secret, 'CONSOLE_SECRET');
  const file = masterKeyPath();
  if (fs.existsSync(file)) return readKeyFile(file);
  if (hasCheck) {
    throw new StoreError(
      `master key file ${file} is missing but the database holds secrets encrypted under it; restore the file or set CONSOLE_SECRET`,
      'master_key',
    );
  }
  try {
    return createKeyFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file);
    throw err;
  }
}

/** Loads the master key and compares it with the database's check value (storing one on first run). */
export function checkMasterKey(meta: Meta): void {
  const stored = meta.get(CHECK_META_KEY);
  const key = loadKey(stored !== undefined);
  const value = checkValue(key);
  if (stored === undefined) {
    meta.set(CHECK_META_KEY, value);
  } else if (!crypto.timingSafeEqual(Buffer.from(stored, 'utf8'), Buffer.from(value, 'utf8'))) {
    const source = consoleSecret() ? 'CONSOLE_SECRET' : `the key file ${masterKeyPath()}`;
    throw new StoreError(
      `the master key from ${source} is not the one this database was created with; refusing to start (secrets cannot be decrypted)`,
      'master_key',
    );
  }
  checked = { dir: dataDir(), key };
}

/** A purpose-bound subkey of the checked master key (HKDF), so the encryption key and the audit key differ. */
export function subkey(purpose: 'secrets' | 'audit'): Buffer {
  if (!checked || checked.dir !== dataDir()) {
    throw new Error('master key not loaded: open the store (getDb()) before using secrets');
  }
  return Buffer.from(
    crypto.hkdfSync('sha256', checked.key, Buffer.alloc(0), `dh-fleet-console ${purpose} v1`, 32),
  );
}

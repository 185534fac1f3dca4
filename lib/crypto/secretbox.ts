import crypto from 'node:crypto';
import { subkey } from './master-key';

// AES-256-GCM with a random 96-bit nonce per secret. `context` is bound in as associated data so a
// ciphertext copied into another row (another host's key column) fails to decrypt.

const VERSION = 'v1';

export function sealSecret(plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', subkey('secrets'), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
}

export function openSecret(sealed: string, context: string): string {
  const [version, body] = sealed.split(':', 2);
  if (version !== VERSION || !body) throw new Error(`unknown secret format for ${context}`);
  const buf = Buffer.from(body, 'base64');
  if (buf.length < 28) throw new Error(`secret for ${context} is truncated`);
  const decipher = crypto.createDecipheriv('aes-256-gcm', subkey('secrets'), buf.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(buf.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `secret for ${context} failed authentication (tampered, or encrypted under another key)`,
    );
  }
}

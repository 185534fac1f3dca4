import crypto from 'node:crypto';

/** OpenSSH's SHA256 fingerprint of a raw (wire-format) host key, as `ssh-keygen -lf` prints it. */
export function fingerprintOf(rawKey: Buffer): string {
  return 'SHA256:' + crypto.createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '');
}

import ssh2 from 'ssh2';

const { utils } = ssh2;

// Private keys are accepted in the formats ssh2 can use to authenticate (OpenSSH, PEM RSA/EC/DSA),
// unencrypted: the console must be able to connect unattended.

export function normalizeKeyText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim() + '\n';
}

/** Null when usable, else a message saying why not (never echoing the key). */
export function privateKeyProblem(text: string): string | null {
  if (!/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) return 'must be a private key (a "-----BEGIN ... PRIVATE KEY-----" block)';
  const parsed = utils.parseKey(normalizeKeyText(text));
  if (parsed instanceof Error) {
    return /passphrase/i.test(parsed.message)
      ? 'is protected by a passphrase; give an unencrypted key (the console encrypts it at rest)'
      : 'is not a valid OpenSSH or PEM private key (PKCS#8 is not supported; convert with ssh-keygen -p -f KEY)';
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || !key.isPrivateKey()) return 'must be a private key, not a public key';
  return null;
}

/** The OpenSSH authorized_keys line of a private key. */
export function publicKeyLine(privateKey: string, comment = 'dh-fleet-console'): string {
  const parsed = utils.parseKey(normalizeKeyText(privateKey));
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error('not a usable private key');
  return `${key.type} ${key.getPublicSSH().toString('base64')} ${comment}`;
}

/** A fresh Ed25519 key pair, generated in-process; the public half goes into the host's authorized_keys. */
export function generateKeyPair(comment = 'dh-fleet-console'): { privateKey: string; publicKey: string } {
  const pair = utils.generateKeyPairSync('ed25519', { comment });
  return { privateKey: pair.private, publicKey: pair.public };
}

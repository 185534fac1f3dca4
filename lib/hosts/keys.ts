import crypto from 'node:crypto';
import ssh2 from 'ssh2';

const { utils } = ssh2;

// Private keys are accepted in the formats ssh2 can use to authenticate (OpenSSH, PEM RSA/EC/DSA),
// unencrypted: the console must be able to connect unattended.

export function normalizeKeyText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim() + '\n';
}

/** Null when usable, else a message saying why not (never echoing the key). */
export function privateKeyProblem(text: string): string | null {
  if (!/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text))
    return 'must be a private key (a "-----BEGIN ... PRIVATE KEY-----" block)';
  const parsed = utils.parseKey(normalizeKeyText(text));
  if (parsed instanceof Error) {
    return /passphrase/i.test(parsed.message)
      ? 'is protected by a passphrase; give an unencrypted key (the console encrypts it at rest)'
      : 'is not a valid OpenSSH or PEM private key (PKCS#8 is not supported; convert with ssh-keygen -p -f KEY)';
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) return 'must be a private key, not a public key';
  return null;
}

/** The OpenSSH authorized_keys line of a private key. */
export function publicKeyLine(privateKey: string, comment = 'dh-fleet-console'): string {
  const parsed = utils.parseKey(normalizeKeyText(privateKey));
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error('not a usable private key');
  return `${key.type} ${key.getPublicSSH().toString('base64')} ${comment}`;
}

// ssh2's own generateKeyPairSync('ed25519') drops leading zero bytes of the public key, so about one key in 200
// came out unparsable; the OpenSSH encoding is written here from Node's raw key instead (PROTOCOL.key).
function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

function wrap(body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return [
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    ...lines,
    '-----END OPENSSH PRIVATE KEY-----',
    '',
  ].join('\n');
}

/** A fresh Ed25519 key pair, generated in-process; the public half goes into the host's authorized_keys. */
export function generateKeyPair(comment = 'dh-fleet-console'): {
  privateKey: string;
  publicKey: string;
} {
  const jwk = crypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d!, 'base64url');
  const pub = Buffer.from(jwk.x!, 'base64url');
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = crypto.randomBytes(4);
  let priv = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const pad = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const nkeys = Buffer.alloc(4);
  nkeys.writeUInt32BE(1);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    nkeys,
    sshString(pubBlob),
    sshString(priv),
  ]);
  return {
    privateKey: wrap(body),
    publicKey: `ssh-ed25519 ${pubBlob.toString('base64')} ${comment}`,
  };
}

// A pinned ssh2 connection to a lab host, for the lab's own tests (the console has its own in lib/remote).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Client } from 'ssh2';
import type { HostStatus } from './lab';

export const fingerprintOfKey = (raw: Buffer) =>
  `SHA256:${crypto.createHash('sha256').update(raw).digest('base64').replace(/=+$/, '')}`;

/** Connects only if the server's host key has `fingerprint`; rejects otherwise (before authentication). */
export function connect(
  h: Pick<HostStatus, 'address' | 'port' | 'user' | 'keyFile'>,
  fingerprint: string,
  readyTimeout = 10_000,
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.on('ready', () => resolve(c));
    c.on('error', reject);
    c.connect({
      host: h.address,
      port: h.port,
      username: h.user,
      privateKey: fs.readFileSync(h.keyFile),
      readyTimeout,
      hostVerifier: (key: Buffer) => fingerprintOfKey(key) === fingerprint,
    });
  });
}

export function exec(
  c: Client,
  command: string,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    c.exec(command, (err, stream) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      stream.on('data', (d: Buffer) => (stdout += d.toString()));
      stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      stream.on('exit', (c: number | null) => (code = c));
      // A status that came in the same read as the channel's reply reaches only 'close' (lib/remote/exec.ts).
      stream.on('close', (closeCode?: number | null) =>
        resolve({ stdout, stderr, code: code ?? closeCode ?? null }),
      );
    });
  });
}

/** One HTTP request to a Docker engine through the SSH connection (OpenSSH stream-local forwarding). */
export function dockerGet(
  c: Client,
  socket: string,
  path: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    c.openssh_forwardOutStreamLocal(socket, (err, stream) => {
      if (err) return reject(err);
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('close', () => {
        const [head = '', ...rest] = raw.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
      });
      stream.end(`GET ${path} HTTP/1.0\r\nHost: docker\r\n\r\n`);
    });
  });
}

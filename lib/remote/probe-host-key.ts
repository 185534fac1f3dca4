import ssh2 from 'ssh2';
import { NotFoundError } from '../errors';
import { sshConnectTimeoutMs } from '../config';
import { getConnectTarget, recordSeenFingerprint, type HostConnectTarget } from '../hosts/service';
import { RemoteError } from './errors';
import { fingerprintOf } from './fingerprint';

/**
 * The fingerprint a host presents now, learnt without authenticating: the verifier records the key and then
 * rejects it, so the handshake stops before any credential is sent.
 */
export function presentedFingerprint(
  t: Pick<HostConnectTarget, 'name' | 'address' | 'port' | 'user'>,
): Promise<string> {
  const timeoutMs = sshConnectTimeoutMs();
  return new Promise<string>((resolve, reject) => {
    let seen: string | null = null;
    const c = new ssh2.Client();
    const finish = (): void => {
      c.end();
      if (seen) resolve(seen);
    };
    c.on('error', (err: Error & { level?: string }) => {
      if (seen) return finish();
      const msg =
        err.level === 'client-timeout' || /timed out/i.test(err.message)
          ? `no SSH handshake from ${t.address}:${t.port} within ${timeoutMs} ms`
          : `cannot reach ${t.address}:${t.port}: ${(err as { code?: string }).code ?? err.message}`;
      reject(new RemoteError('unreachable', t.name, msg));
    });
    c.on('ready', () => finish()); // unreachable in practice: the verifier always refuses
    c.on('close', () => (seen ? resolve(seen) : undefined));
    c.connect({
      host: t.address,
      port: t.port,
      username: t.user,
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => {
        seen = fingerprintOf(key);
        return false;
      },
    });
  });
}

/** Learns the fingerprint a host presents, to show an admin what to accept (recorded as the host's seen key). */
export async function probeHostKey(
  hostId: string,
): Promise<{ fingerprint: string; matchesPinned: boolean }> {
  const t = await getConnectTarget(hostId);
  if (!t) throw new NotFoundError(`host ${hostId}`);
  const fingerprint = await presentedFingerprint(t);
  await recordSeenFingerprint(hostId, fingerprint);
  return { fingerprint, matchesPinned: fingerprint === t.pinnedFingerprint };
}

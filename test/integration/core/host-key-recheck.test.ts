// A host key changed while a pooled connection is open: SSH itself never notices (the key was checked once, at the
// handshake). The console checks it again with a fresh handshake every CONSOLE_SSH_HOSTKEY_RECHECK_MS and stops all
// use of the host within that bound; an edit of the host closes its connection at once; an old connection is
// replaced after CONSOLE_SSH_MAX_AGE_MS while a command under way on it finishes.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { addHost, getHost, trustHostKey, updateHost, type HostView } from '@/lib/hosts/service';
import { remote, RemoteError } from '@/lib/remote';
import { labStatus, restoreHostKey, rotateHostKey, type HostStatus } from '../../helpers/lab';
import { useTempDataDir } from '../../unit/core/temp-data';

const RECHECK_MS = 2_000;
let tmp: ReturnType<typeof useTempDataDir>;
let lab: HostStatus;
let host: HostView;

const stats = () => remote.stats().find((s) => s.hostId === host.id)!;
const echo = async (text: string) =>
  (await remote.exec(host.id, ['echo', text], { timeoutMs: 10_000 })).stdout.trim();

beforeAll(async () => {
  lab = (await labStatus()).hosts[0]!;
  tmp = useTempDataDir();
  Object.assign(process.env, {
    CONSOLE_SSH_HOSTKEY_RECHECK_MS: String(RECHECK_MS),
    CONSOLE_SSH_CONNECT_TIMEOUT_MS: '3000',
  });
  remote.resetForTests();
  host = await addHost(CLI_ADMIN, {
    name: lab.name,
    address: lab.address,
    port: lab.port,
    user: lab.user,
    privateKey: fs.readFileSync(lab.keyFile, 'utf8'),
    dockerSocket: lab.dockerSocket,
    groups: ['lab'],
  });
  host = await trustHostKey(CLI_ADMIN, host.id, lab.fingerprint);
});

afterAll(async () => {
  await restoreHostKey(lab.name).catch(() => undefined);
  remote.resetForTests();
  tmp?.dispose();
  for (const k of [
    'CONSOLE_SSH_HOSTKEY_RECHECK_MS',
    'CONSOLE_SSH_CONNECT_TIMEOUT_MS',
    'CONSOLE_SSH_MAX_AGE_MS',
  ])
    delete process.env[k];
});

describe("host keys during a connection's life", () => {
  it('an edit of the host closes its pooled connection at once, even when nothing that connects changed', async () => {
    expect(await echo('before')).toBe('before');
    expect(stats()).toMatchObject({ connected: true, connectionsOpened: 1 });
    const { id, createdAt, updatedAt, hasKey, pinnedFingerprint, seenFingerprint, ...fields } =
      await getHost(host.id).then((h) => h!);
    void [id, createdAt, updatedAt, hasKey, pinnedFingerprint, seenFingerprint];
    await updateHost(CLI_ADMIN, host.id, fields);
    expect(stats().connected).toBe(false);
    expect(await echo('after')).toBe('after');
    expect(stats().connectionsOpened).toBe(2);
  });

  it('a key rotated under a live connection stops every use of the host within the re-check bound', async () => {
    expect(await echo('live')).toBe('live');
    const rotated = await rotateHostKey(lab.name);
    const changedAt = Date.now();
    // The open connection still works (SSH does not look at the key again)... until the re-check sees the new one.
    let refusal: unknown = null;
    while (refusal === null && Date.now() - changedAt < RECHECK_MS + 15_000) {
      try {
        await echo('still');
      } catch (err) {
        refusal = err;
      }
      if (refusal === null) await new Promise((r) => setTimeout(r, 200));
    }
    const tookMs = Date.now() - changedAt;
    expect(refusal).toBeInstanceOf(RemoteError);
    expect(refusal).toMatchObject({
      kind: 'hostkey_mismatch',
      seenFingerprint: rotated,
      pinnedFingerprint: lab.fingerprint,
    });
    expect((refusal as Error).message).toContain(rotated);
    expect(tookMs).toBeLessThan(RECHECK_MS + 15_000);
    console.log(
      `host key rotated under a live connection: use stopped after ${tookMs} ms (re-check every ${RECHECK_MS} ms)`,
    );
    // Every path refuses, also Docker and a fresh call, and the host records the key it now presents.
    await expect(remote.docker(host.id).then((d) => d.ping())).rejects.toMatchObject({
      kind: 'hostkey_mismatch',
    });
    await expect(echo('again')).rejects.toMatchObject({ kind: 'hostkey_mismatch' });
    expect((await getHost(host.id))!.seenFingerprint).toBe(rotated);
    expect(stats().lastError).toContain('HOST KEY MISMATCH');
  }, 60_000);

  it('re-pinning by an admin (the host was really reinstalled) makes it usable again', async () => {
    const rotated = (await getHost(host.id))!.seenFingerprint!;
    await trustHostKey(CLI_ADMIN, host.id, rotated);
    expect(await echo('re-pinned')).toBe('re-pinned');
    await restoreHostKey(lab.name);
    await trustHostKey(CLI_ADMIN, host.id, lab.fingerprint);
    expect(await echo('restored')).toBe('restored');
  });

  it('replaces a connection past its maximum age; a command under way on the old one finishes', async () => {
    process.env.CONSOLE_SSH_MAX_AGE_MS = '4000';
    await echo('warm'); // may itself replace an older connection
    const opened = stats().connectionsOpened;
    const long = remote.exec(host.id, ['sh', '-c', 'sleep 7; echo done'], { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 4_500));
    expect(await echo('fresh')).toBe('fresh');
    expect(stats().connectionsOpened).toBe(opened + 1);
    expect((await long).stdout.trim()).toBe('done');
    delete process.env.CONSOLE_SSH_MAX_AGE_MS;
  }, 30_000);
});

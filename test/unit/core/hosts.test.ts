import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/log';
import { ConflictError, ValidationError } from '@/lib/errors';
import { CLI_ADMIN, type Actor } from '@/lib/auth/types';
import { generateKeyPair, publicKeyLine } from '@/lib/hosts/keys';
import { hostInputSchema } from '@/lib/hosts/schema';
import {
  addHost,
  getConnectTarget,
  getHost,
  hostPublicKey,
  listHosts,
  removeHost,
  trustHostKey,
  updateHost,
} from '@/lib/hosts/service';
import { useTempDataDir } from './temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => tmp.dispose());

const { privateKey, publicKey } = generateKeyPair();
const good = {
  name: 'gpu-01',
  address: '10.251.1.2',
  port: 22,
  user: 'root',
  privateKey,
  groups: ['lab'],
};
const FP = 'SHA256:' + 'A'.repeat(43);

function issuesOf(input: unknown): string[] {
  const r = hostInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('host input schema', () => {
  it('applies defaults', () => {
    const r = hostInputSchema.parse({
      name: 'a',
      address: 'gpu.example.org',
      user: 'ubuntu',
      port: '',
      groups: 'x, y',
    });
    expect(r).toMatchObject({ port: 22, dockerSocket: '/var/run/docker.sock', groups: ['x', 'y'] });
  });
  it.each([
    [{ ...good, name: '' }, /^name: must not be empty/],
    [{ ...good, name: 'n'.repeat(65) }, /^name: must be at most 64/],
    [
      { ...good, address: 'gpu1;rm -rf /' },
      /^address: must be a hostname or an IPv4\/IPv6 address/,
    ],
    [{ ...good, address: '$(id)' }, /^address: /],
    [{ ...good, address: '-oProxyCommand=x' }, /^address: /],
    [{ ...good, port: 0 }, /^port: must be between 1 and 65535/],
    [{ ...good, port: 65536 }, /^port: must be between 1 and 65535/],
    [{ ...good, port: 'ssh' }, /^port: /],
    [{ ...good, user: 'root`id`' }, /^user: must be a Unix user name/],
    [{ ...good, privateKey: 'not a key' }, /^privateKey: must be a private key/],
    [
      {
        ...good,
        privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
      },
      /^privateKey: is not a valid/,
    ],
    [{ ...good, privateKey: 'x'.repeat(20000) }, /^privateKey: must be at most 16384/],
    [{ ...good, dockerSocket: '/run/../etc/shadow' }, /^dockerSocket: must be an absolute path/],
    [{ ...good, dockerSocket: 'relative.sock' }, /^dockerSocket: /],
    [{ ...good, groups: ['ok', 'bad group!'] }, /^groups.1: each group may contain only/],
  ])('rejects %j', (input, message) => {
    expect(issuesOf(input).join('\n')).toMatch(message);
  });
  it('accepts IPv6 and the generated key', () => {
    expect(issuesOf({ ...good, address: 'fd00::2' })).toEqual([]);
    expect(publicKey).toMatch(/^ssh-ed25519 AAAA\S+ dh-fleet-console$/);
    expect(publicKeyLine(privateKey)).toBe(publicKey);
  });
});

describe('host service', () => {
  it('adds, lists, edits, trusts and removes, without ever returning the key', async () => {
    const h = await addHost(CLI_ADMIN, good);
    expect(h).toMatchObject({
      name: 'gpu-01',
      hasKey: true,
      pinnedFingerprint: null,
      groups: ['lab'],
    });
    expect(JSON.stringify(await listHosts())).not.toMatch(/PRIVATE KEY|privateKey/);
    expect((await getConnectTarget(h.id))?.privateKey).toContain('PRIVATE KEY');
    expect(await hostPublicKey(h.id)).toBe(publicKey.replace(/ \S+$/, ' dh-fleet-console@gpu-01'));
    const edited = await updateHost(CLI_ADMIN, h.id, {
      ...good,
      privateKey: undefined,
      port: 2222,
    });
    expect(edited).toMatchObject({ port: 2222, hasKey: true });
    expect((await trustHostKey(CLI_ADMIN, h.id, FP)).pinnedFingerprint).toBe(FP);
    await removeHost(CLI_ADMIN, h.id);
    expect(await getHost(h.id)).toBeNull();
    const actions = (await listAudit({})).map((e) => `${e.action}:${e.result}`);
    // Newest first: each change recorded before it ran and after.
    expect(actions).toEqual([
      'host.remove:ok',
      'host.remove:started',
      'host.trust:ok',
      'host.trust:started',
      'host.update:ok',
      'host.update:started',
      'host.add:ok',
      'host.add:started',
    ]);
    expect(JSON.stringify(await listAudit({}))).not.toContain('PRIVATE KEY');
  });

  it('bad input changes nothing', async () => {
    await addHost(CLI_ADMIN, good);
    await expect(addHost(CLI_ADMIN, good)).rejects.toBeInstanceOf(ConflictError);
    await expect(addHost(CLI_ADMIN, { ...good, name: 'b', privateKey: undefined })).rejects.toThrow(
      /privateKey: is required/,
    );
    await expect(addHost(CLI_ADMIN, { ...good, name: 'c', address: 'a b' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const [h] = await listHosts();
    await expect(trustHostKey(CLI_ADMIN, h!.id, 'MD5:aa:bb')).rejects.toThrow(
      /fingerprint: must look like SHA256:/,
    );
    expect((await listHosts()).map((x) => [x.name, x.pinnedFingerprint])).toEqual([
      ['gpu-01', null],
    ]);
  });

  it('only admins change hosts, and a refusal is audited', async () => {
    const operator: Actor = {
      user: { id: 'u1', username: 'olga', role: 'operator' },
      via: 'web',
      ip: '192.0.2.5',
    };
    await expect(addHost(operator, good)).rejects.toMatchObject({ code: 'forbidden' });
    const h = await addHost(CLI_ADMIN, good);
    await expect(trustHostKey(operator, h.id, FP)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getHost(h.id))?.pinnedFingerprint).toBeNull();
    const denied = (await listAudit({})).filter((e) => e.result === 'denied');
    expect(denied.map((e) => e.action).sort()).toEqual(['host.add', 'host.trust']);
    expect(denied[0]?.actor).toMatchObject({ name: 'olga', ip: '192.0.2.5' });
  });
});

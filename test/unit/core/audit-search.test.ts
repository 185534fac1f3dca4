// The audit page as an administrator searches it: by action family, by who, by host or container name, hosts
// named as they are called now although the log recorded their ids; a search text is never a pattern.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit } from '@/lib/audit/log';
import { CLI_ADMIN, type Actor } from '@/lib/auth/types';
import { readAudit } from '@/lib/hosts/audit-names';
import { generateKeyPair } from '@/lib/hosts/keys';
import { addHost, updateHost } from '@/lib/hosts/service';
import { useTempDataDir } from './temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => tmp.dispose());

const olga: Actor = { user: { id: 'u-olga', username: 'olga', role: 'operator' }, via: 'web' };

describe('audit search', () => {
  it('finds entries by action family, by who, and by a host name the log recorded as an id', async () => {
    const { privateKey } = generateKeyPair();
    const host = { address: '10.251.1.2', port: 22, user: 'root', privateKey, groups: [] };
    const gpu = await addHost(CLI_ADMIN, { ...host, name: 'gpu-01' });
    const other = await addHost(CLI_ADMIN, { ...host, name: 'gpu-02', address: '10.251.1.3' });
    const job = (actor: Actor, hostId: string, container: string) =>
      recordAudit({ actor, action: 'job.start', target: `${hostId}/${container}`, result: 'ok' });
    await job(olga, gpu.id, 'heygem-1');
    await job(CLI_ADMIN, other.id, 'heygem-2');
    await recordAudit({
      actor: olga,
      action: 'user.change_password',
      target: 'olga',
      result: 'ok',
    });
    // Renamed since: the entries name the host as it is called now.
    await updateHost(CLI_ADMIN, gpu.id, { ...host, name: 'gpu-01a' });

    const byHost = await readAudit({ target: 'gpu-01a' });
    expect(byHost.map((e) => `${e.action} ${e.result} ${e.targetName}`)).toEqual([
      'host.update ok gpu-01a',
      'host.update started gpu-01a',
      'job.start ok gpu-01a/heygem-1',
    ]);
    expect(byHost[2]!.target).toBe(`${gpu.id}/heygem-1`);
    expect((await readAudit({ target: 'heygem-2' })).map((e) => e.targetName)).toEqual([
      'gpu-02/heygem-2',
    ]);
    expect((await readAudit({ actor: 'olga' })).map((e) => e.action)).toEqual([
      'user.change_password',
      'job.start',
    ]);
    expect((await readAudit({ action: 'job.' })).map((e) => e.targetName)).toEqual([
      'gpu-02/heygem-2',
      'gpu-01a/heygem-1',
    ]);
    expect((await readAudit({ action: 'job.', actor: 'olga' })).length).toBe(1);
    // `%` and `_` are searched as themselves, not as LIKE wildcards.
    expect(await readAudit({ target: '%' })).toEqual([]);
    expect(await readAudit({ target: 'gpu_01' })).toEqual([]);
  });
});

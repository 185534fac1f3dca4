import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labStatus, restoreHostKey, rotateHostKey, type LabStatus } from '../../helpers/lab';
import { useTempDataDir } from '../../unit/core/temp-data';
import { dhc } from './run-dhc';

// The done-when sequence, through the real `dhc` command in child processes:
// hosts add + trust for every host lab:status prints, then `dhc fleet --json` lists every lab container.

let lab: LabStatus;
let tmp: ReturnType<typeof useTempDataDir>;
const data = () => ['--data', tmp.dir];

beforeAll(async () => {
  lab = await labStatus();
  tmp = useTempDataDir();
});
afterAll(() => tmp?.dispose());

describe('dhc against the lab', () => {
  it('adds and trusts every lab host, then lists every lab container with its host and state', async () => {
    for (const h of lab.hosts) {
      const add = await dhc([
        'hosts',
        'add',
        h.name,
        '--address',
        h.address,
        '--port',
        String(h.port),
        '--user',
        h.user,
        '--key-file',
        h.keyFile,
        '--docker-socket',
        h.dockerSocket,
        '--group',
        'lab',
        ...data(),
      ]);
      expect(add.code, add.stderr).toBe(0);
      const trust = await dhc(['hosts', 'trust', h.name, '--accept-seen', '--json', ...data()]);
      expect(trust.code, trust.stderr).toBe(0);
      expect(JSON.parse(trust.stdout).host.pinnedFingerprint).toBe(h.fingerprint);
    }
    const fleet = await dhc(['fleet', '--json', '--strict', ...data()]);
    expect(fleet.code, fleet.stderr).toBe(0);
    const snap = JSON.parse(fleet.stdout) as {
      hosts: {
        host: { name: string };
        status: string;
        containers: { name: string; state: string; isService: boolean }[];
      }[];
    };
    for (const h of lab.hosts) {
      const s = snap.hosts.find((x) => x.host.name === h.name);
      expect(s?.status).toBe('reachable');
      for (const c of h.containers) {
        expect(
          s!.containers.find((x) => x.name === c.name),
          `${h.name}/${c.name}`,
        ).toMatchObject({ state: c.status });
      }
    }
    const list = await dhc(['hosts', 'list', '--json', ...data()]);
    const listed = JSON.parse(list.stdout) as { hosts: Record<string, unknown>[] };
    expect(listed.hosts.map((x) => x.name)).toEqual(lab.hosts.map((h) => h.name).sort());
    expect(list.stdout).not.toMatch(/PRIVATE KEY|privateKey/);
    const text = await dhc(['fleet', ...data()]);
    expect(text.stdout).toContain('REACHABLE');
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const before = (await dhc(['hosts', 'list', '--json', ...data()])).stdout;
    const key = lab.hosts[0]!.keyFile;
    const cases: [string[], RegExp][] = [
      [
        ['hosts', 'add', 'x1', '--address', '10.0.0.1;id', '--user', 'root', '--key-file', key],
        /--address: must be a hostname/,
      ],
      [
        [
          'hosts',
          'add',
          'x2',
          '--address',
          '10.0.0.1',
          '--port',
          '0',
          '--user',
          'root',
          '--key-file',
          key,
        ],
        /--port: must be between 1 and 65535/,
      ],
      [
        [
          'hosts',
          'add',
          'x3',
          '--address',
          '10.0.0.1',
          '--user',
          'root',
          '--key-file',
          `${key}.pub`,
        ],
        /--key-file: must be a private key/,
      ],
      [
        ['hosts', 'add', '', '--address', '10.0.0.1', '--user', 'root', '--key-file', key],
        /NAME: must not be empty/,
      ],
      [
        [
          'hosts',
          'add',
          'n'.repeat(100),
          '--address',
          '10.0.0.1',
          '--user',
          'root',
          '--key-file',
          key,
        ],
        /NAME: must be at most 64/,
      ],
      [
        [
          'hosts',
          'add',
          lab.hosts[0]!.name,
          '--address',
          '10.0.0.1',
          '--user',
          'root',
          '--key-file',
          key,
        ],
        /already exists/,
      ],
      [['hosts', 'trust', 'nope', '--accept-seen'], /host 'nope' not found/],
      [['hosts', 'frobnicate'], /unknown subcommand/],
    ];
    for (const [args, message] of cases) {
      const r = await dhc([...args, ...data()]);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(message);
    }
    expect((await dhc(['hosts', 'list', '--json', ...data()])).stdout).toBe(before);
  });

  it('never lets --accept-seen replace a pinned key that changed', async () => {
    const h = lab.hosts[lab.hosts.length - 1]!;
    const rotated = await rotateHostKey(h.name);
    try {
      const r = await dhc(['hosts', 'trust', h.name, '--accept-seen', ...data()]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(h.fingerprint);
      expect(r.stderr).toContain(rotated);
      const fleet = JSON.parse((await dhc(['fleet', '--json', ...data()])).stdout) as {
        hosts: { host: { name: string }; status: string }[];
      };
      expect(fleet.hosts.find((x) => x.host.name === h.name)?.status).toBe('mismatch');
    } finally {
      await restoreHostKey(h.name);
    }
  });

  it('removes a host', async () => {
    const h = lab.hosts[0]!;
    expect((await dhc(['hosts', 'remove', h.name, ...data()])).code).toBe(0);
    expect((await dhc(['hosts', 'remove', h.name, ...data()])).stderr).toMatch(/not found/);
  });
});

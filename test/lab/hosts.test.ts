// The lab's hosts as a user of `lab:status` meets them: SSH with the printed key and pinned fingerprint, the Docker
// engine behind it, the GPU stand-in on PATH, the hung "sink" host, and host-key rotation.
import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFleet } from './fleet';
import { runningConfig } from './lab';
import { type LabStatus, labStatus, restoreHostKey, rotateHostKey } from '../helpers/lab';
import { connect, dockerGet, exec } from '../helpers/ssh';

const execFileP = promisify(execFile);
let lab: LabStatus;

beforeAll(async () => {
  lab = await labStatus();
});

describe('lab:status', () => {
  it('prints every host with address, key, fingerprint and Docker socket as JSON', async () => {
    const { stdout } = await execFileP('npx', ['tsx', 'test/lab/cli.ts', 'status', '--json']);
    const printed = JSON.parse(stdout) as LabStatus;
    expect(printed.hosts.length).toBe(runningConfig().hostCount);
    for (const h of printed.hosts) {
      expect(h).toMatchObject({ port: 22, user: 'root' });
      expect(h.address).toMatch(/^10\.\d+\.\d+\.2$/);
      expect(h.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(h.dockerSocket).toMatch(/docker\.sock$/);
    }
    expect(printed.sink.port).toBe(22);
  });

  it('a second lab:up reports the running lab instead of starting another', async () => {
    const t0 = Date.now();
    const { stdout } = await execFileP('npx', ['tsx', 'test/lab/cli.ts', 'up']);
    expect(stdout).toContain('already running');
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect((await labStatus()).hosts.map((h) => h.fingerprint)).toEqual(
      lab.hosts.map((h) => h.fingerprint),
    );
  });
});

describe('each host over SSH', () => {
  it('accepts the printed key, serves the printed host key and lists its default fleet through its Docker engine', async () => {
    const fleet = defaultFleet(runningConfig());
    for (const h of lab.hosts) {
      const c = await connect(h, h.fingerprint);
      try {
        const ps = await exec(c, "docker ps --format '{{.Names}} {{.State}}'");
        expect(ps.code, ps.stderr).toBe(0);
        const api = await dockerGet(c, h.dockerSocket, '/containers/json');
        expect(api.status).toBe(200);
        const names = (JSON.parse(api.body) as Array<{ Names: string[] }>).map((x) =>
          x.Names[0]?.slice(1),
        );
        for (const spec of fleet[h.name] ?? []) {
          expect(ps.stdout).toContain(`${spec.name} running`);
          expect(names).toContain(spec.name);
        }
      } finally {
        c.end();
      }
    }
  });

  it("carries Compose labels on h1's compose-made container, and its compose file on the host", async () => {
    const h = lab.hosts[0]!;
    const c = await connect(h, h.fingerprint);
    try {
      const spec = defaultFleet(runningConfig())[h.name]?.find((x) => x.compose);
      expect(spec).toBeDefined();
      const r = await exec(c, `docker inspect --format '{{json .Config.Labels}}' ${spec!.name}`);
      expect(r.code, r.stderr).toBe(0);
      const labels = JSON.parse(r.stdout) as Record<string, string>;
      expect(labels).toMatchObject({
        'com.docker.compose.project': spec!.compose!.project,
        'com.docker.compose.service': spec!.compose!.service,
        'com.docker.compose.container-number': '1',
      });
      const file = await exec(c, `cat ${labels['com.docker.compose.project.config_files']}`);
      expect(file.code, file.stderr).toBe(0);
      expect(file.stdout).toContain(`  ${spec!.compose!.service}:`);
      expect(file.stdout).toContain('network_mode: host');
    } finally {
      c.end();
    }
  });

  it('finds nvidia-smi on the PATH of a non-interactive session', async () => {
    const h = lab.hosts[0]!;
    const c = await connect(h, h.fingerprint);
    try {
      const r = await exec(
        c,
        'nvidia-smi --query-gpu=index,name,utilization.gpu --format=csv,noheader',
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^0, .+, \d+ %/m);
    } finally {
      c.end();
    }
  });

  it('is refused when the host key does not match the pinned fingerprint', async () => {
    const h = lab.hosts[0]!;
    const other = lab.hosts[1]?.fingerprint ?? 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    await expect(connect(h, other)).rejects.toThrow(/verif/i);
  });
});

describe('host key rotation (for key-change tests)', () => {
  const h = () => lab.hosts[lab.hosts.length - 1]!;
  afterAll(async () => {
    await restoreHostKey(h().name);
  });

  it('serves a new key after rotateHostKey and the printed one again after restoreHostKey', async () => {
    const rotated = await rotateHostKey(h().name);
    expect(rotated).not.toBe(h().fingerprint);
    expect((await labStatus()).hosts.find((x) => x.name === h().name)?.fingerprint).toBe(rotated);
    await expect(connect(h(), h().fingerprint)).rejects.toThrow(/verif/i);
    (await connect(h(), rotated)).end();
    expect(await restoreHostKey(h().name)).toBe(h().fingerprint);
    (await connect(h(), h().fingerprint)).end();
  });
});

describe('the sink (a hung host)', () => {
  it('accepts TCP on port 22 and never speaks SSH; port 2200 is refused', async () => {
    const t0 = Date.now();
    await expect(
      connect(
        {
          address: lab.sink.address,
          port: lab.sink.port,
          user: 'root',
          keyFile: lab.hosts[0]!.keyFile,
        },
        'SHA256:x',
        1_500,
      ),
    ).rejects.toThrow(/timed out/i);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_400);
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect({ host: lab.sink.address, port: 2200 });
      s.on('connect', () => resolve('connected'));
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

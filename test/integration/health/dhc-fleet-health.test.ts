// `dhc fleet --json` gains each service container's health and top finding (one probe round from the CLI process);
// a hung host in the inventory does not hold up the lab hosts. Needs `npm run lab:up`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labStatus, type LabStatus } from '../../helpers/lab';
import { dhc } from '../core/run-dhc';

let lab: LabStatus;
let dir: string;
const env = { CONSOLE_SSH_CONNECT_TIMEOUT_MS: '3000' };
const data = () => ['--data', dir];

interface FleetJson {
  hosts: {
    host: { name: string };
    status: string;
    containers: {
      name: string;
      isService: boolean;
      health: {
        health: string;
        topFinding: { id: string; severity: string; title: { en: string; zh: string } } | null;
        findings: string[];
      } | null;
    }[];
  }[];
}

beforeAll(async () => {
  lab = await labStatus();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-health-cli-'));
  for (const h of lab.hosts) {
    const add = await dhc(
      [
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
      ],
      env,
    );
    expect(add.code, add.stderr).toBe(0);
    const trust = await dhc(
      ['hosts', 'trust', h.name, '--fingerprint', h.fingerprint, ...data()],
      env,
    );
    expect(trust.code, trust.stderr).toBe(0);
  }
  const sink = await dhc(
    [
      'hosts',
      'add',
      'sink',
      '--address',
      lab.sink.address,
      '--user',
      'root',
      '--key-file',
      lab.hosts[0]!.keyFile,
      ...data(),
    ],
    env,
  );
  expect(sink.code, sink.stderr).toBe(0);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('dhc fleet --json with health', () => {
  it('gives every lab service container its health and top finding', async () => {
    const started = Date.now();
    const r = await dhc(['fleet', '--json', ...data()], env);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(45_000);
    const out = JSON.parse(r.stdout) as FleetJson;
    expect(out.hosts.find((h) => h.host.name === 'sink')?.status).toBe('unreachable');
    for (const h of lab.hosts) {
      const entry = out.hosts.find((x) => x.host.name === h.name)!;
      expect(entry.status).toBe('reachable');
      for (const c of h.containers) {
        const row = entry.containers.find((x) => x.name === c.name)!;
        const listed = entry.containers.map((x) => x.name).join(', ');
        expect(row, `${h.name}/${c.name} is not among ${listed}`).toBeDefined();
        expect(row.isService).toBe(true);
        expect(row.health?.health).toBe(c.state === 'healthy' ? 'healthy' : 'blocking');
        if (c.state === 'healthy') expect(row.health?.topFinding?.id).toBe('healthy');
        else {
          expect(['queue_blocking', 'cpu_fallback']).toContain(row.health?.topFinding?.id);
          expect(row.health?.topFinding?.severity).toBe('critical');
          expect(row.health?.findings).toContain('cpu_fallback');
        }
      }
    }
    const text = await dhc(['fleet', ...data()], env);
    expect(text.stdout).toMatch(/BLOCKING: (Queue blocking|ONNX Runtime falls back to the CPU)/);
    expect(text.stdout).toContain('HEALTHY: Healthy: no problem found');
  }, 120_000);
});

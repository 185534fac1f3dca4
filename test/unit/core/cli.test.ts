import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { run as audit } from '@/cli/commands/audit';
import { listAudit, recordAudit } from '@/lib/audit/log';
import { CLI_ADMIN } from '@/lib/auth/types';
import { closeDb, getDb } from '@/lib/store/db';
import { useTempDataDir } from './temp-data';
import { dhc } from '../../integration/core/run-dhc';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => {
  vi.restoreAllMocks();
  tmp.dispose();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out, err };
}

describe('dhc core verbs', () => {
  it('audit verify passes on an intact log and fails on an edited one', async () => {
    for (let i = 0; i < 3; i++)
      await recordAudit({ actor: CLI_ADMIN, action: 'test', target: String(i), result: 'ok' });
    let io = capture();
    expect(await audit(['verify', '--data', tmp.dir])).toBe(0);
    expect(io.out.join('')).toMatch(/intact: 3 entries/);
    vi.restoreAllMocks();
    closeDb();
    const raw = new BetterSqlite3(path.join(tmp.dir, 'console.db'));
    raw.prepare("UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 2").run();
    raw.close();
    io = capture();
    expect(await audit(['verify', '--data', tmp.dir])).toBe(1);
    expect(io.err.join('')).toMatch(/TAMPERED[\s\S]*entry 2 was modified/);
  });

  it('records CLI changes in the audit log as the local administrator', async () => {
    const { generateKeyPair } = await import('@/lib/hosts/keys');
    const keyFile = path.join(tmp.dir, 'id_test');
    fs.writeFileSync(keyFile, generateKeyPair().privateKey, { mode: 0o600 });
    const r = await dhc([
      'hosts',
      'add',
      'gpu-9',
      '--address',
      '192.0.2.9',
      '--user',
      'root',
      '--key-file',
      keyFile,
      '--data',
      tmp.dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [entry] = await listAudit({ action: 'host.add' });
    expect(entry).toMatchObject({
      target: 'gpu-9',
      result: 'ok',
      actor: { id: null, name: 'local-admin', via: 'cli' },
    });
    expect(JSON.stringify(entry)).not.toContain('PRIVATE KEY');
  }, 60_000);

  it('exits non-zero with a clear message on usage errors and an unusable data directory', async () => {
    getDb(); // a database with a key file: a different CONSOLE_SECRET must then stop the CLI
    closeDb();
    const noKey = await dhc([
      'hosts',
      'add',
      'h',
      '--address',
      'a',
      '--user',
      'root',
      '--key-file',
      '/nonexistent',
      '--data',
      tmp.dir,
    ]);
    expect(noKey).toMatchObject({ code: 2 });
    expect(noKey.stderr).toContain('--key-file: cannot read /nonexistent');
    const bad = await dhc(['hosts', 'list', '--bogus', '--data', tmp.dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--bogus'/);
    const wrongSecret = await dhc(['hosts', 'list', '--data', tmp.dir], {
      CONSOLE_SECRET: 'f'.repeat(64),
    });
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stderr).toMatch(
      /CONSOLE_SECRET is not the one this database was created with/,
    );
  }, 60_000);
});

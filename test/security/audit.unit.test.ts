// Every change is on record before it runs and after; when the audit log cannot take the "started" entry, the change
// does not run at all (fail closed). Tampering with the chain is covered in test/unit/core/audit.test.ts.
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audited } from '@/lib/auth/audited';
import { listAudit, verifyAuditChain } from '@/lib/audit/log';
import { CLI_ADMIN, type Actor } from '@/lib/auth/types';
import { closeDb, getDb } from '@/lib/store/db';
import { useTempDataDir } from '../unit/core/temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => tmp.dispose());

const viewer: Actor = {
  user: { id: 'u-v', username: 'victor', role: 'viewer' },
  via: 'web',
  ip: '192.0.2.7',
} as Actor;

describe('audit before and after', () => {
  it('records who, from where, the arguments (secrets redacted) before the change, and the result after', async () => {
    let ranWhileStarted = false;
    await audited(
      CLI_ADMIN,
      'admin',
      'test.change',
      'h1/c',
      { value: 1, privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----' },
      async () => {
        ranWhileStarted =
          (await listAudit({ action: 'test.change' })).map((e) => e.result).join() === 'started';
      },
    );
    expect(ranWhileStarted).toBe(true);
    const entries = await listAudit({ action: 'test.change' });
    expect(entries.map((e) => e.result)).toEqual(['ok', 'started']);
    expect(entries[1]).toMatchObject({
      target: 'h1/c',
      actor: { name: 'local-admin', via: 'cli' },
      args: { value: 1 },
    });
    expect(JSON.stringify(entries)).not.toContain('PRIVATE KEY');

    await expect(
      audited(CLI_ADMIN, 'admin', 'test.fail', 'x', {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(
      (await listAudit({ action: 'test.fail' })).map((e) => `${e.result}:${e.error ?? ''}`),
    ).toEqual(['error:boom', 'started:']);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('a caller without the role is recorded as denied, with its address, and the change never starts', async () => {
    let ran = false;
    await expect(
      audited(viewer, 'operator', 'test.denied', 'x', {}, async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(ran).toBe(false);
    const [e] = await listAudit({ action: 'test.denied' });
    expect(e).toMatchObject({ result: 'denied', actor: { name: 'victor', ip: '192.0.2.7' } });
  });

  it('when the audit log refuses writes, the change does not run', async () => {
    getDb();
    closeDb();
    const raw = new BetterSqlite3(path.join(tmp.dir, 'console.db'));
    raw.exec(
      "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END",
    );
    raw.close();
    let ran = false;
    await expect(
      audited(CLI_ADMIN, 'admin', 'test.blocked', 'x', {}, async () => {
        ran = true;
      }),
    ).rejects.toThrow(/audit store unavailable/);
    expect(ran).toBe(false);
  });
});

import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, recordAudit, verifyAuditChain } from '@/lib/audit/log';
import { CLI_ADMIN } from '@/lib/auth/types';
import { closeDb } from '@/lib/store/db';
import { useTempDataDir } from './temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => tmp.dispose());

async function writeFive() {
  for (let i = 1; i <= 5; i++)
    await recordAudit({
      actor: CLI_ADMIN,
      action: 'test.step',
      target: `t${i}`,
      args: { i },
      result: 'ok',
    });
}
function tamper(sql: string) {
  closeDb();
  const raw = new BetterSqlite3(path.join(tmp.dir, 'console.db'));
  raw.prepare(sql).run();
  raw.close();
}

describe('audit log', () => {
  it('chains entries and verifies an untouched log', async () => {
    await writeFive();
    expect(await verifyAuditChain()).toEqual({ ok: true, entries: 5, problems: [] });
    const list = await listAudit({ limit: 2 });
    expect(list.map((e) => e.target)).toEqual(['t5', 't4']);
    expect((await listAudit({ before: 2 })).map((e) => e.target)).toEqual(['t1']);
  });

  it('redacts secrets in arguments', async () => {
    await recordAudit({
      actor: CLI_ADMIN,
      action: 'x',
      args: {
        password: 'hunter2hunter2',
        nested: { privateKey: 'k' },
        pem: '-----BEGIN OPENSSH PRIVATE KEY-----',
      },
      result: 'ok',
    });
    const [e] = await listAudit({});
    expect(JSON.stringify(e?.args)).not.toMatch(/hunter2|BEGIN/);
  });

  it.each([
    ['an edited row', "UPDATE audit_log SET target = 'evil' WHERE seq = 3", /entry 3 was modified/],
    ['a deleted row', 'DELETE FROM audit_log WHERE seq = 2', /entries 2..2 are missing/],
    ['a deleted last row', 'DELETE FROM audit_log WHERE seq = 5', /last entries were removed/],
    [
      'an edited result',
      "UPDATE audit_log SET result = 'denied' WHERE seq = 4",
      /entry 4 was modified/,
    ],
  ])('detects %s', async (_what, sql, problem) => {
    await writeFive();
    tamper(sql);
    const report = await verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(problem);
  });
});

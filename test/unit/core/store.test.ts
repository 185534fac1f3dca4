import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, getDb, StoreError } from '@/lib/store/db';
import { latestSchemaVersion } from '@/lib/store/migrations';
import { useTempDataDir } from './temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => tmp.dispose());

const dbFile = () => path.join(tmp.dir, 'console.db');

describe('store', () => {
  it('creates the database with every migration applied, in WAL mode, owner-only', async () => {
    const db = getDb();
    const meta = await db
      .selectFrom('meta')
      .selectAll()
      .where('key', '=', 'schema_version')
      .executeTakeFirst();
    expect(meta?.value).toBe(String(latestSchemaVersion()));
    closeDb();
    const raw = new BetterSqlite3(dbFile(), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (
      raw.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]
    ).map((t) => t.name);
    raw.close();
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'sessions', 'audit_log', 'hosts', 'settings']),
    );
    expect(fs.statSync(dbFile()).mode & 0o777).toBe(0o600);
  });

  it('reopens an existing database without re-running migrations', async () => {
    await getDb()
      .insertInto('settings')
      .values({ key: 'k', value: '"v"', updated_at: 'now' })
      .execute();
    closeDb();
    const row = await getDb().selectFrom('settings').selectAll().executeTakeFirst();
    expect(row?.value).toBe('"v"');
  });

  it('upgrades an older database by applying only the missing migrations', async () => {
    getDb();
    await getDb()
      .insertInto('users')
      .values({ id: 'u1', username: 'kept', password_hash: 'x', role: 'admin', created_at: 'now' })
      .execute();
    closeDb();
    const raw = new BetterSqlite3(dbFile());
    raw.exec(
      // Back to the shape version 1 had: no hosts or settings tables, users without later columns.
      "DROP TABLE hosts; DROP TABLE settings; ALTER TABLE users DROP COLUMN disabled_at; UPDATE meta SET value = '1' WHERE key = 'schema_version'",
    );
    raw.close();
    const db = getDb();
    expect((await db.selectFrom('hosts').selectAll().execute()).length).toBe(0);
    expect(
      (await db.selectFrom('users').select('username').execute()).map((u) => u.username),
    ).toEqual(['kept']);
    const v = await db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'schema_version')
      .executeTakeFirst();
    expect(v?.value).toBe(String(latestSchemaVersion()));
  });

  it('refuses a corrupt file with a clear message', () => {
    fs.writeFileSync(dbFile(), Buffer.alloc(8192, 0x41));
    expect(() => getDb()).toThrowError(StoreError);
    expect(() => getDb()).toThrowError(/corrupt or not a SQLite database/);
  });

  it('refuses a database damaged inside its pages', () => {
    getDb();
    closeDb();
    const raw = new BetterSqlite3(dbFile());
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const buf = fs.readFileSync(dbFile());
    buf.fill(0xff, 4096, buf.length); // every page after the first overwritten
    fs.writeFileSync(dbFile(), buf);
    expect(() => getDb()).toThrowError(/corrupt/);
  });

  it('refuses a database newer than this console', () => {
    getDb();
    closeDb();
    const raw = new BetterSqlite3(dbFile());
    raw.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    raw.close();
    expect(() => getDb()).toThrowError(
      new RegExp(`schema version 99, newer than this console knows \\(${latestSchemaVersion()}\\)`),
    );
  });

  it('refuses a SQLite file that belongs to something else', () => {
    const raw = new BetterSqlite3(dbFile());
    raw.exec('CREATE TABLE invoices (id INTEGER)');
    raw.close();
    expect(() => getDb()).toThrowError(/not a DH Fleet Console database/);
  });
});

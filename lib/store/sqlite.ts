import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { makePrivateDirSync, makePrivateFilesSync } from '@/lib/files/private';
import { ConsoleSqliteDialect } from './sqlite-dialect';
import { StoreError } from '@/lib/errors';
import { migrations, latestSchemaVersion } from './migrations';
import type { Database } from './schema';

// The SQLite adapter: the only file with SQLite-specific statements (pragmas, sqlite_master).

type Raw = BetterSqlite3.Database;

/** Above this size the open-time integrity check would slow start-up too much; SQLite still reports corruption on read. */
const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

function corrupt(file: string, detail: string): StoreError {
  return new StoreError(
    `database ${file} is corrupt or not a SQLite database (${detail}); restore it from a backup or move it away to start empty`,
    'corrupt',
  );
}

function isSqliteCorruption(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown })?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT'))
  );
}

function metaValue(raw: Raw, key: string): string | undefined {
  const row = raw.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    | { value: string }
    | undefined;
  return row?.value;
}

function currentVersion(raw: Raw, file: string): number {
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  const names = new Set(tables.map((t) => t.name));
  if (!names.has('meta')) {
    const foreign = [...names].filter((n) => !n.startsWith('sqlite_'));
    if (foreign.length > 0) {
      throw new StoreError(
        `database ${file} is not a DH Fleet Console database (tables: ${foreign.join(', ')})`,
        'not_console_db',
      );
    }
    raw.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    return 0;
  }
  const v = Number(metaValue(raw, 'schema_version') ?? '0');
  if (!Number.isInteger(v) || v < 0) throw corrupt(file, `schema_version '${v}'`);
  return v;
}

function migrate(raw: Raw, db: Kysely<Database>, file: string): void {
  const from = currentVersion(raw, file);
  const latest = latestSchemaVersion();
  if (from > latest) {
    throw new StoreError(
      `database ${file} has schema version ${from}, newer than this console knows (${latest}); run a newer console or restore a backup`,
      'newer_schema',
    );
  }
  const setVersion = raw.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  for (const m of migrations.filter((x) => x.version > from)) {
    // One transaction per migration: a crash leaves the database at the last complete version.
    raw.transaction(() => {
      for (const q of m.up(db)) {
        const c = q.compile();
        raw.prepare(c.sql).run(...(c.parameters as unknown[]));
      }
      setVersion.run('schema_version', String(m.version));
    })();
  }
}

export interface OpenedStore {
  raw: Raw;
  db: Kysely<Database>;
}

export function openSqliteStore(file: string): OpenedStore {
  makePrivateDirSync(path.dirname(file));
  const existed = fs.existsSync(file);
  let raw: Raw;
  try {
    raw = new BetterSqlite3(file);
  } catch (err) {
    throw new StoreError(`cannot open database ${file}: ${(err as Error).message}`, 'io');
  }
  try {
    // Before WAL mode: SQLite gives the -wal and -shm files the database file's mode.
    makePrivateFilesSync(file);
    raw.pragma('busy_timeout = 5000');
    raw.pragma('journal_mode = WAL');
    makePrivateFilesSync(`${file}-wal`, `${file}-shm`);
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    if (existed && fs.statSync(file).size <= QUICK_CHECK_MAX_BYTES) {
      const result = raw.pragma('quick_check(1)', { simple: true });
      if (result !== 'ok') throw corrupt(file, String(result));
    }
    const db = new Kysely<Database>({ dialect: new ConsoleSqliteDialect(raw) });
    migrate(raw, db, file);
    return { raw, db };
  } catch (err) {
    raw.close();
    if (err instanceof StoreError) throw err;
    if (isSqliteCorruption(err)) throw corrupt(file, err.message);
    throw err;
  }
}

export function readMeta(raw: Raw, key: string): string | undefined {
  return metaValue(raw, key);
}

export function writeMeta(raw: Raw, key: string, value: string): void {
  raw
    .prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(key, value);
}

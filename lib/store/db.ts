import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { dbPath } from '../config';
import { checkMasterKey } from '../crypto/master-key';
import { openSqliteStore, readMeta, writeMeta } from './sqlite';
import type { Database } from './schema';

export { StoreError } from '@/lib/errors';
export type { Database } from './schema';

interface Store {
  file: string;
  raw: BetterSqlite3.Database;
  db: Kysely<Database>;
}

let store: Store | null = null;

function open(): Store {
  const file = dbPath();
  const { raw, db } = openSqliteStore(file);
  try {
    // A wrong master key must stop the console here, before anything is decrypted or encrypted under it.
    checkMasterKey({ get: (k) => readMeta(raw, k), set: (k, v) => writeMeta(raw, k, v) });
  } catch (err) {
    raw.close();
    throw err;
  }
  return { file, raw, db };
}

/** The console's database (opened, migrated and key-checked on first use). Throws StoreError when unusable. */
export function getDb(): Kysely<Database> {
  if (!store || store.file !== dbPath()) {
    closeDb();
    store = open();
  }
  return store.db;
}

/** Closes the database (CLI exit, tests switching data directories). */
export function closeDb(): void {
  if (!store) return;
  const s = store;
  store = null;
  s.raw.close();
}

export const nowIso = (): string => new Date().toISOString();

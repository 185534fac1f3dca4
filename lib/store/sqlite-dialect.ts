import type BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

// When a write fails with SQLITE_FULL (disk full) or SQLITE_IOERR, SQLite may already have rolled the whole
// transaction back. Kysely's driver then sends ROLLBACK anyway, which fails with "no transaction is active", and that
// error replaces the real one. Here ROLLBACK is sent only while a transaction is open, so the caller sees
// "database or disk is full".

class TolerantDriver extends SqliteDriver {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.raw.inTransaction) await super.rollbackTransaction(connection);
  }
}

export class ConsoleSqliteDialect extends SqliteDialect {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    return new TolerantDriver(this.raw);
  }
}

import type { CompiledQuery, Kysely } from 'kysely';

export interface Compilable {
  compile(): CompiledQuery;
}

/**
 * A migration is a list of Kysely builders rather than a function that runs them, so the SQLite
 * adapter can execute it synchronously (better-sqlite3) while a PostgreSQL adapter could `.execute()`
 * the very same builders.
 */
export interface Migration {
  version: number;
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its day, not today's
  up(db: Kysely<any>): Compilable[];
}

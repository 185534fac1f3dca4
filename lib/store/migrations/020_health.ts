import type { Migration } from './types';

// Probe samples for the health pages and their charts (lib/health/samples.ts).
// Tables are created only if missing: a database put back to an older schema version by hand (the store's own
// upgrade test does this) re-runs this migration over tables it already has.
// A sample's `id` packs its series and its time (series * 2^32 + unix seconds) so that the one integer primary key
// is also the (series, time) index: a month of a hundred containers needs no second B-tree, which halves the file.
export const m020: Migration = {
  version: 20,
  name: 'health samples',
  up: (db) => [
    db.schema
      .createTable('health_series')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('container', 'text', (c) => c.notNull())
      .addUniqueConstraint('health_series_host_container', ['host_id', 'container']),
    // One row per container per minute (the rounds of that minute folded together): kept 7 days.
    db.schema
      .createTable('health_samples')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('health', 'integer')
      .addColumn('gpu_util', 'integer')
      .addColumn('gpu_util_max', 'integer')
      .addColumn('gpu_mem_mib', 'integer')
      .addColumn('queue_full', 'integer', (c) => c.notNull())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('rounds', 'integer', (c) => c.notNull()),
    // One row per container per hour, folded from the minutes once they are older than the raw retention.
    db.schema
      .createTable('health_hourly')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('health', 'integer')
      .addColumn('gpu_util', 'integer')
      .addColumn('gpu_util_max', 'integer')
      .addColumn('gpu_mem_mib', 'integer')
      .addColumn('queue_full', 'integer', (c) => c.notNull())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('rounds', 'integer', (c) => c.notNull()),
  ],
};

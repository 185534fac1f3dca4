import type { Migration } from './types';

// Log events already counted into the charts, by a stable key per series (signature, task, the line's own time,
// its text, its occurrence): reading the same lines again (a console restart, a re-created container that kept its
// predecessor's log files) never counts them twice. Pruned with the per-minute samples.
export const m070: Migration = {
  version: 70,
  name: 'health events',
  up: (db) => [
    db.schema
      .createTable('health_events')
      .ifNotExists()
      .addColumn('series', 'integer', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('health_events_pk', ['series', 'key']),
    db.schema.createIndex('health_events_at').ifNotExists().on('health_events').columns(['at']),
  ],
};

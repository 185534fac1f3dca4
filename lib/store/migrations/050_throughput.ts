import type { Migration } from './types';

// Throughput verification (lib/throughput): stored test inputs and test runs. Tables are created only if missing,
// as in 020_health.ts. A run's per-job figures, GPU samples, log signatures and the container's state at the time
// are JSON text: they are read whole with the run, never queried by field.
export const m050: Migration = {
  version: 50,
  name: 'throughput runs',
  up: (db) => [
    db.schema
      .createTable('throughput_inputs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('builtin', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
    db.schema
      .createTable('throughput_runs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('container', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('audio_id', 'text', (c) => c.notNull())
      .addColumn('video_id', 'text', (c) => c.notNull())
      .addColumn('jobs', 'integer', (c) => c.notNull())
      .addColumn('concurrency', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('heartbeat_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('error', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      // The runbook job that ran this test before or after its steps, under its lock.
      .addColumn('job_id', 'text'),
    db.schema
      .createIndex('throughput_runs_container')
      .ifNotExists()
      .on('throughput_runs')
      .columns(['host_id', 'container', 'started_at']),
  ],
};

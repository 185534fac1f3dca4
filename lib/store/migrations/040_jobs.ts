import type { Migration } from './types';

// Jobs (remedies, undos, runbooks): the job, its live log as numbered events, and one lock row per container.
// Created only if missing (see 020_health.ts for why).
export const m040: Migration = {
  version: 40,
  name: 'jobs',
  up: (db) => [
    db.schema
      .createTable('jobs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('remedy', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('host_name', 'text', (c) => c.notNull())
      .addColumn('container', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('plan', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('step_count', 'integer', (c) => c.notNull())
      .addColumn('steps_done', 'integer', (c) => c.notNull())
      .addColumn('result', 'text')
      .addColumn('error', 'text')
      .addColumn('undo', 'text')
      .addColumn('undo_of', 'text')
      .addColumn('lock_token', 'integer')
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('via', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text'),
    db.schema
      .createIndex('jobs_target')
      .ifNotExists()
      .on('jobs')
      .columns(['host_id', 'container', 'created_at']),
    db.schema.createIndex('jobs_created').ifNotExists().on('jobs').column('created_at'),
    db.schema
      .createTable('job_events')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('step', 'integer')
      .addColumn('text', 'text', (c) => c.notNull()),
    db.schema
      .createIndex('job_events_job')
      .ifNotExists()
      .on('job_events')
      .columns(['job_id', 'id']),
    db.schema
      .createTable('job_batches')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('targets', 'text', (c) => c.notNull())
      .addColumn('parallel', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text'),
    // token only grows (fencing): a holder whose lock expired and was taken over cannot pass the fence check.
    db.schema
      .createTable('container_locks')
      .ifNotExists()
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('container', 'text', (c) => c.notNull())
      .addColumn('job_id', 'text')
      .addColumn('token', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('container_locks_pk', ['host_id', 'container']),
  ],
};

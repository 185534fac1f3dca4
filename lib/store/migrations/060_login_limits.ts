import type { Migration } from './types';

// Sign-in limits (lib/auth/login-limit.ts): failures counted per (user name, client address), per user name and per
// address. One row per key; '' stands for "any" in the other column. Bounded by the limiter itself.
export const m060: Migration = {
  version: 60,
  name: 'login limits',
  up: (db) => [
    db.schema
      .createTable('login_limits')
      .ifNotExists()
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      // 1 when the user name did not exist at the failure: capped per address.
      .addColumn('unknown_name', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('login_limits_pk', ['username', 'address']),
    db.schema
      .createIndex('login_limits_address')
      .ifNotExists()
      .on('login_limits')
      .columns(['address', 'unknown_name']),
    db.schema
      .createIndex('login_limits_updated')
      .ifNotExists()
      .on('login_limits')
      .column('updated_at'),
  ],
};

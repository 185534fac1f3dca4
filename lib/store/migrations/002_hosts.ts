import type { Migration } from './types';

export const m002: Migration = {
  version: 2,
  name: 'hosts and settings',
  up: (db) => [
    db.schema
      .createTable('hosts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull())
      .addColumn('user', 'text', (c) => c.notNull())
      .addColumn('docker_socket', 'text', (c) => c.notNull())
      .addColumn('groups', 'text', (c) => c.notNull())
      .addColumn('private_key_enc', 'text')
      .addColumn('pinned_fingerprint', 'text')
      .addColumn('seen_fingerprint', 'text')
      .addColumn('seen_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
    db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ],
};

import type { Migration } from './types';

// A user can be disabled (kept for the audit trail, refused at sign-in, sessions revoked) rather than deleted.
export const m080: Migration = {
  version: 80,
  name: 'user lifecycle',
  up: (db) => [db.schema.alterTable('users').addColumn('disabled_at', 'text')],
};

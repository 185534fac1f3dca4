import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { subkey } from '../crypto/master-key';
import type { AuditTable } from '../store/schema';

// Each entry's hash is an HMAC (key derived from the master key) over its own fields and the previous
// entry's hash. Editing, inserting or deleting a row breaks the chain; the HMAC key means a person with
// write access to the database file alone cannot recompute a consistent chain.

export const GENESIS = '0'.repeat(64);

/** The stored row without its own hash: exactly what the hash covers. */
export type ChainFields = Omit<Selectable<AuditTable>, 'hash'>;

export function entryHash(f: ChainFields): string {
  const canonical = JSON.stringify([
    f.seq,
    f.at,
    f.actor_id,
    f.actor_name,
    f.via,
    f.ip,
    f.action,
    f.target,
    f.args,
    f.result,
    f.error,
    f.prev_hash,
  ]);
  return crypto.createHmac('sha256', subkey('audit')).update(canonical).digest('hex');
}

/** Removes secrets from audit arguments and bounds their size; the audit log must never hold a key or password. */
export function redactArgs(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[nested]';
  if (typeof value === 'string') {
    if (/PRIVATE KEY/.test(value)) return '[redacted]';
    return value.length > 500 ? `${value.slice(0, 500)}…` : value;
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactArgs(v, depth + 1));
  if (value && typeof value === 'object') {
    // fromEntries defines own properties: a key named `__proto__` stays a key, never the object's prototype.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        /pass(word|phrase)?|secret|token|private.?key|credential/i.test(k)
          ? '[redacted]'
          : redactArgs(v, depth + 1),
      ]),
    );
  }
  return value;
}

import { sql } from 'kysely';
import { getDb, nowIso } from '../store/db';
import { actorName } from './actor';
import type { Actor } from '../auth/types';
import { entryHash, GENESIS, redactArgs } from './chain';

// Append-only: this module has no update or delete, and nothing else writes audit_log.

/** `started`: written before a change runs (lib/auth/audited.ts), so an attempt is on record even if the process dies. */
export type AuditResult = 'started' | 'ok' | 'error' | 'denied';

export interface AuditInput {
  actor: Actor;
  action: string;
  target?: string;
  args?: unknown;
  result: AuditResult;
  error?: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string | null; name: string; via: string; ip: string | null };
  action: string;
  target: string | null;
  args: unknown;
  result: AuditResult;
  error: string | null;
}

const HEAD_KEY = 'audit_head';

export async function recordAudit(input: AuditInput): Promise<AuditEntry> {
  const db = getDb();
  const args = input.args === undefined ? null : JSON.stringify(redactArgs(input.args));
  return db.transaction().execute(async (trx) => {
    // Write first so this transaction holds the database's write lock before it reads the chain head:
    // two processes (server and CLI) can then never both append after the same entry.
    const touched = await trx
      .updateTable('meta')
      .set((eb) => ({ value: eb.ref('value') }))
      .where('key', '=', HEAD_KEY)
      .executeTakeFirst();
    if (Number(touched.numUpdatedRows) === 0) {
      await trx
        .insertInto('meta')
        .values({ key: HEAD_KEY, value: `0:${GENESIS}` })
        .execute();
    }
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      at: nowIso(),
      actor_id: input.actor.user?.id ?? null,
      actor_name: actorName(input.actor),
      via: input.actor.via,
      ip: input.actor.ip ?? null,
      action: input.action,
      target: input.target ?? null,
      args,
      result: input.result,
      error: input.error ? input.error.slice(0, 1000) : null,
      prev_hash: last?.hash ?? GENESIS,
    };
    const hash = entryHash(fields);
    await trx
      .insertInto('audit_log')
      .values({ ...fields, hash })
      .execute();
    await trx
      .updateTable('meta')
      .set({ value: `${fields.seq}:${hash}` })
      .where('key', '=', HEAD_KEY)
      .execute();
    return toEntry({ ...fields, hash });
  });
}

type Row = Parameters<typeof entryHash>[0] & { hash: string };

function toEntry(r: Row): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: { id: r.actor_id, name: r.actor_name, via: r.via, ip: r.ip },
    action: r.action,
    target: r.target,
    args: r.args === null ? null : (JSON.parse(r.args) as unknown),
    result: r.result as AuditResult,
    error: r.error,
  };
}

export interface AuditQuery {
  limit?: number;
  before?: number;
  /** An action, or a family of them with a trailing dot (`user.` for every user change). */
  action?: string;
  /** Who: the actor's name as recorded. */
  actor?: string;
  /** Entries whose target contains any of these texts (a host's name and its id, say). */
  targetHas?: string[];
}

// A LIKE pattern whose own text never acts as a wildcard (`\` escapes `%`, `_` and itself).
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: 'action' | 'target', pattern: string) =>
  sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;

export async function listAudit(opts: AuditQuery = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 100), 1), 1000);
  let q = getDb().selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
  if (opts.before !== undefined) q = q.where('seq', '<', opts.before);
  if (opts.action?.endsWith('.')) q = q.where(like('action', `${escapeLike(opts.action)}%`));
  else if (opts.action) q = q.where('action', '=', opts.action);
  if (opts.actor) q = q.where('actor_name', '=', opts.actor);
  const has = opts.targetHas?.filter(Boolean) ?? [];
  if (has.length) q = q.where((eb) => eb.or(has.map((t) => like('target', `%${escapeLike(t)}%`))));
  return (await q.execute()).map(toEntry);
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  problems: string[];
}

/** Walks the whole chain: every hash recomputed, every link and the stored head compared. */
export async function verifyAuditChain(): Promise<ChainReport> {
  const db = getDb();
  const problems: string[] = [];
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  const pageSize = 1000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      count++;
      if (r.seq !== expectedSeq)
        problems.push(`entries ${expectedSeq}..${r.seq - 1} are missing (deleted)`);
      if (r.prev_hash !== prevHash)
        problems.push(`entry ${r.seq} does not link to the entry before it`);
      if (entryHash(r) !== r.hash)
        problems.push(`entry ${r.seq} was modified (its hash does not match its content)`);
      prevHash = r.hash;
      expectedSeq = r.seq + 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'audit_head')
    .executeTakeFirst();
  const expectedHead = `${expectedSeq - 1}:${prevHash}`;
  if ((head?.value ?? `0:${GENESIS}`) !== expectedHead) {
    problems.push(
      `the last entries were removed: the chain head records ${head?.value.split(':')[0] ?? 0} entries, ${expectedSeq - 1} found`,
    );
  }
  return { ok: problems.length === 0, entries: count, problems };
}

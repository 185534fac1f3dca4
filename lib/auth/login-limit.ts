// Sign-in limits that one client cannot turn against others. Failures are counted, each in its own window, per
// (user name, client address), per user name from any address, and per address for any name; a key over its limit
// is locked until a stated time. An address that tries many names it does not know locks only itself: names it
// guessed and other addresses sign in as before. State is in the database (it holds across requests, restarts and
// console instances) and bounded: an address may create rows for at most UNKNOWN_NAMES unknown names per window,
// expired rows are pruned on every failure, and the table never holds more than MAX_ROWS rows.
import type { Transaction } from 'kysely';
import { getDb } from '../store/db';
import type { Database } from '../store/schema';

export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  /** Failures of one user name from one address. */
  perUserAddress: 5,
  /** Failures of one user name from all addresses together (a guess spread over many addresses). */
  perUser: 50,
  /** Failures from one address, whatever the names. */
  perAddress: 30,
  /** Distinct user names that do not exist, tried from one address. */
  unknownNames: 10,
  maxRows: 10_000,
} as const;

/** '' in the username or address column: the row counts for any name, or any address. */
const ANY = '';

export type LockScope = 'user_address' | 'user' | 'address';

export interface LoginLock {
  scope: LockScope;
  /** ISO time the lock ends. */
  until: string;
}

type Key = { username: string; address: string };
type Trx = Transaction<Database>;

const iso = (ms: number): string => new Date(ms).toISOString();

function scopeOf(row: Key): LockScope {
  if (row.username === ANY) return 'address';
  return row.address === ANY ? 'user' : 'user_address';
}

/** The rows that govern a sign-in of `username` from `address` (no address: the user name's rows only). */
function keysFor(username: string, address: string | null): Key[] {
  const keys: Key[] = [{ username, address: ANY }];
  if (address) keys.push({ username, address }, { username: ANY, address });
  return keys;
}

const byKey = <Q extends { where: (c: 'username' | 'address', op: '=', v: string) => Q }>(
  q: Q,
  k: Key,
): Q => q.where('username', '=', k.username).where('address', '=', k.address);

/** The lock that refuses this sign-in now, the one ending last when several apply; null when none. */
export async function activeLock(
  username: string,
  address: string | null,
  now = Date.now(),
): Promise<LoginLock | null> {
  const keys = keysFor(username, address);
  const rows = await getDb()
    .selectFrom('login_limits')
    .select(['username', 'address', 'locked_until'])
    .where((eb) =>
      eb.or(
        keys.map((k) => eb.and([eb('username', '=', k.username), eb('address', '=', k.address)])),
      ),
    )
    .where('locked_until', '>', iso(now))
    .execute();
  let lock: LoginLock | null = null;
  for (const r of rows) {
    if (!lock || r.locked_until! > lock.until) lock = { scope: scopeOf(r), until: r.locked_until! };
  }
  return lock;
}

async function countUnknownNames(trx: Trx, address: string, since: string): Promise<number> {
  const r = await trx
    .selectFrom('login_limits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('address', '=', address)
    .where('unknown_name', '=', 1)
    .where('window_start', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Adds one failure to a key's row (a new window once the old one or its lock has passed); locks it at `limit`. */
async function bump(
  trx: Trx,
  key: Key,
  limit: number,
  now: number,
  unknownName = false,
): Promise<void> {
  const row = await byKey(trx.selectFrom('login_limits').selectAll(), key).executeTakeFirst();
  const windowOver = row !== undefined && row.window_start < iso(now - LOGIN_LIMITS.windowMs);
  const fresh = !row || (row.locked_until !== null ? row.locked_until <= iso(now) : windowOver);
  const failures = fresh ? 1 : row.failures + 1;
  const values = {
    failures,
    window_start: fresh ? iso(now) : row.window_start,
    locked_until:
      failures >= limit ? iso(now + LOGIN_LIMITS.lockMs) : fresh ? null : row.locked_until,
    unknown_name: unknownName ? 1 : 0,
    updated_at: iso(now),
  };
  if (!row)
    await trx
      .insertInto('login_limits')
      .values({ ...key, ...values })
      .execute();
  else await byKey(trx.updateTable('login_limits').set(values), key).execute();
}

async function lockAddress(trx: Trx, address: string, now: number): Promise<void> {
  const until = { locked_until: iso(now + LOGIN_LIMITS.lockMs), updated_at: iso(now) };
  await byKey(trx.updateTable('login_limits').set(until), { username: ANY, address }).execute();
}

/**
 * Records a failed sign-in. `knownUser`: whether the name exists (an unknown name counts towards the address's
 * cap of distinct unknown names; past it the address is locked, for every name, so the refusal says nothing
 * about which names exist, and no further rows are made for its guesses).
 */
export async function recordLoginFailure(
  username: string,
  address: string | null,
  knownUser: boolean,
  now = Date.now(),
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const since = iso(now - LOGIN_LIMITS.windowMs);
      const unknownFrom = address && !knownUser ? address : null;
      let overCap = false;
      if (unknownFrom) {
        const key = { username, address: unknownFrom };
        const seen = await byKey(
          trx.selectFrom('login_limits').select('username'),
          key,
        ).executeTakeFirst();
        overCap =
          !seen && (await countUnknownNames(trx, unknownFrom, since)) >= LOGIN_LIMITS.unknownNames;
      }
      if (address) await bump(trx, { username: ANY, address }, LOGIN_LIMITS.perAddress, now);
      if (!overCap) {
        await bump(trx, { username, address: ANY }, LOGIN_LIMITS.perUser, now);
        if (address)
          await bump(trx, { username, address }, LOGIN_LIMITS.perUserAddress, now, !knownUser);
      }
      if (!unknownFrom) return;
      if (
        overCap ||
        (await countUnknownNames(trx, unknownFrom, since)) >= LOGIN_LIMITS.unknownNames
      ) {
        await lockAddress(trx, unknownFrom, now);
      }
    });
  await prune(now);
}

/** A successful sign-in clears that name's count from that address (not the name's or the address's totals). */
export async function clearLoginFailures(username: string, address: string | null): Promise<void> {
  if (address) await byKey(getDb().deleteFrom('login_limits'), { username, address }).execute();
}

/**
 * Lifts every lock and count of a user name (from every address), or of a client address (its own and those of
 * the names tried from it); returns the rows removed.
 */
export async function liftLoginLocks(
  target: { username: string } | { address: string },
): Promise<number> {
  const q = getDb().deleteFrom('login_limits');
  const r = await ('username' in target
    ? q.where('username', '=', target.username)
    : q.where('address', '=', target.address)
  ).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export type LoginLockView = Key & LoginLock & { failures: number };

/** Locks in force, newest ending last first, for the Users page and `dhc users locks`. */
export async function listLoginLocks(now = Date.now()): Promise<LoginLockView[]> {
  const rows = await getDb()
    .selectFrom('login_limits')
    .select(['username', 'address', 'failures', 'locked_until'])
    .where('locked_until', '>', iso(now))
    .orderBy('locked_until', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    username: r.username,
    address: r.address,
    failures: r.failures,
    scope: scopeOf(r),
    until: r.locked_until!,
  }));
}

// Rows whose window and lock have both passed count for nothing: removed. Past MAX_ROWS, the rows updated
// longest ago go first, unlocked ones before locked ones.
async function prune(now: number): Promise<void> {
  const db = getDb();
  await db
    .deleteFrom('login_limits')
    .where('window_start', '<', iso(now - LOGIN_LIMITS.windowMs))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', iso(now))]))
    .execute();
  const count = await db
    .selectFrom('login_limits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const excess = Number(count.n) - LOGIN_LIMITS.maxRows;
  if (excess <= 0) return;
  const oldest = await db
    .selectFrom('login_limits')
    .select(['username', 'address'])
    .orderBy((eb) => eb.case().when('locked_until', '>', iso(now)).then(1).else(0).end())
    .orderBy('updated_at')
    .limit(excess)
    .execute();
  for (const k of oldest) await byKey(db.deleteFrom('login_limits'), k).execute();
}

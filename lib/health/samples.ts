// Probe samples in the store: one row per container per minute for `rawDays`, then one per hour for `hourlyDays`,
// then gone. Rows are keyed by series * 2^32 + time, so every read and delete below is a primary-key range.
import type { Kysely, Selectable } from 'kysely';
import { getDb } from '@/lib/store/db';
import type { Database, HealthSampleTable } from '@/lib/store/schema';
import {
  HOUR,
  MINUTE,
  SERIES_SPAN,
  bucketStart,
  idTime,
  merge,
  rollUp,
  roundBucket,
  sampleId,
  type Bucket,
  type RoundSample,
} from './fold';

export type SampleTable = 'health_samples' | 'health_hourly';

export interface Retention {
  rawDays: number;
  hourlyDays: number;
}

const DAY = 86_400;

function days(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function retentionFromEnv(): Retention {
  return {
    rawDays: days('CONSOLE_HEALTH_RAW_DAYS', 7),
    hourlyDays: days('CONSOLE_HEALTH_HOURLY_DAYS', 90),
  };
}

function toBucket(r: Selectable<HealthSampleTable>): Bucket {
  return {
    t: idTime(r.id),
    health: r.health,
    gpuUtil: r.gpu_util,
    gpuUtilMax: r.gpu_util_max,
    gpuMemMiB: r.gpu_mem_mib,
    queueFull: r.queue_full,
    hits: r.hits,
    rounds: r.rounds,
    gpuRounds: r.gpu_util === null ? 0 : Math.max(1, r.rounds),
  };
}

function toRow(series: number, b: Bucket): Selectable<HealthSampleTable> {
  return {
    id: sampleId(series, b.t),
    health: b.health,
    gpu_util: b.gpuUtil,
    gpu_util_max: b.gpuUtilMax,
    gpu_mem_mib: b.gpuMemMiB,
    queue_full: b.queueFull,
    hits: b.hits,
    rounds: b.rounds,
  };
}

async function seriesId(
  db: Kysely<Database>,
  hostId: string,
  container: string,
  create: boolean,
): Promise<number | null> {
  const find = () =>
    db
      .selectFrom('health_series')
      .select('id')
      .where('host_id', '=', hostId)
      .where('container', '=', container)
      .executeTakeFirst();
  const found = await find();
  if (found || !create) return found?.id ?? null;
  await db
    .insertInto('health_series')
    .values({ host_id: hostId, container })
    .onConflict((oc) => oc.columns(['host_id', 'container']).doNothing())
    .execute();
  return (await find())!.id;
}

/** Folds buckets into the stored rows of their period (read, merge, write back), in one transaction. */
async function foldInto(
  db: Kysely<Database>,
  table: SampleTable,
  series: number,
  buckets: Bucket[],
): Promise<void> {
  if (buckets.length === 0) return;
  await db.transaction().execute((tx) => foldIn(tx, table, series, buckets));
}

async function foldIn(
  tx: Kysely<Database>,
  table: SampleTable,
  series: number,
  buckets: Bucket[],
): Promise<void> {
  if (buckets.length === 0) return;
  const ids = buckets.map((b) => sampleId(series, b.t));
  {
    const existing = new Map(
      (await tx.selectFrom(table).selectAll().where('id', 'in', ids).execute()).map((r) => [
        idTime(r.id),
        toBucket(r),
      ]),
    );
    const rows = buckets.map((b) => toRow(series, merge(b.t, existing.get(b.t), b)));
    for (let i = 0; i < rows.length; i += 200) {
      await tx
        .insertInto(table)
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            health: eb.ref('excluded.health'),
            gpu_util: eb.ref('excluded.gpu_util'),
            gpu_util_max: eb.ref('excluded.gpu_util_max'),
            gpu_mem_mib: eb.ref('excluded.gpu_mem_mib'),
            queue_full: eb.ref('excluded.queue_full'),
            hits: eb.ref('excluded.hits'),
            rounds: eb.ref('excluded.rounds'),
          })),
        )
        .execute();
    }
  }
}

export interface ContainerRound {
  hostId: string;
  container: string;
  /** Unix seconds of the round. */
  t: number;
  sample: RoundSample;
  /** Log events first read this round, with their moment (unix seconds, UTC) and stable key. */
  events?: { key: string; t: number; signature: string }[];
}

/** The events not counted before (by key): a line read again after a restart or a re-creation counts once. */
async function newEvents(
  tx: Kysely<Database>,
  series: number,
  events: NonNullable<ContainerRound['events']>,
) {
  const fresh: typeof events = [];
  for (let i = 0; i < events.length; i += 200) {
    const part = events.slice(i, i + 200);
    const rows = part.map((e) => ({ series, key: e.key, signature: e.signature, at: e.t }));
    const added = await tx
      .insertInto('health_events')
      .values(rows)
      .onConflict((oc) => oc.columns(['series', 'key']).doNothing())
      .returning('key')
      .execute();
    const keys = new Set(added.map((a) => a.key));
    fresh.push(...part.filter((e) => keys.has(e.key)));
  }
  return fresh;
}

/** Records one probe round of one container: the round into its minute, each new log event into its own minute. */
export async function recordRound(
  r: ContainerRound,
  db: Kysely<Database> = getDb(),
): Promise<void> {
  const series = (await seriesId(db, r.hostId, r.container, true))!;
  const minute = bucketStart(r.t, MINUTE);
  const oldest = r.t - retentionFromEnv().rawDays * DAY;
  // An event older than the raw window is history the hourly rows never saw: not charted.
  const events = (r.events ?? []).filter((e) => e.t >= oldest);
  await db.transaction().execute(async (tx) => {
    const buckets = new Map<number, Bucket>([[minute, roundBucket(minute, r.sample)]]);
    for (const e of await newEvents(tx, series, events)) {
      const m = bucketStart(e.t, MINUTE);
      const queueFull = e.signature === 'queue_full' ? 1 : 0;
      const b = roundBucket(m, {
        health: null,
        gpuUtil: null,
        gpuMemMiB: null,
        queueFull,
        hits: 1,
        rounds: 0,
      });
      buckets.set(m, merge(m, buckets.get(m), b));
    }
    await foldIn(tx, 'health_samples', series, [...buckets.values()]);
  });
}

/** Moves minutes older than the raw window into hours, and deletes hours older than the hourly window. */
export async function compactSamples(
  nowS: number,
  retention: Retention = retentionFromEnv(),
  db: Kysely<Database> = getDb(),
): Promise<{ folded: number; pruned: number }> {
  const rawCut = bucketStart(nowS - retention.rawDays * DAY, HOUR);
  const hourlyCut = nowS - retention.hourlyDays * DAY;
  let folded = 0;
  let pruned = 0;
  for (const { id: series } of await db.selectFrom('health_series').select('id').execute()) {
    const lo = sampleId(series, 0);
    const old = await db
      .selectFrom('health_samples')
      .selectAll()
      .where('id', '>=', lo)
      .where('id', '<', sampleId(series, rawCut))
      .execute();
    if (old.length > 0) {
      await foldInto(db, 'health_hourly', series, rollUp(old.map(toBucket), HOUR));
      await db
        .deleteFrom('health_samples')
        .where('id', '>=', lo)
        .where('id', '<', sampleId(series, rawCut))
        .execute();
      folded += old.length;
    }
    await db
      .deleteFrom('health_events')
      .where('series', '=', series)
      .where('at', '<', rawCut)
      .execute();
    const gone = await db
      .deleteFrom('health_hourly')
      .where('id', '>=', lo)
      .where('id', '<', sampleId(series, hourlyCut))
      .executeTakeFirst();
    pruned += Number(gone.numDeletedRows);
  }
  return { folded, pruned };
}

export interface SeriesQuery {
  hostId: string;
  container: string;
  fromS: number;
  toS: number;
  /** Bucket size of the answer: 60 (minutes where they still exist) or 3600. */
  stepS: number;
}

/** Points between from and to, oldest first; hours where minutes were already folded away. */
export async function querySamples(
  q: SeriesQuery,
  db: Kysely<Database> = getDb(),
): Promise<Bucket[]> {
  const series = await seriesId(db, q.hostId, q.container, false);
  if (series === null) return [];
  const range = (table: SampleTable) =>
    db
      .selectFrom(table)
      .selectAll()
      .where('id', '>=', sampleId(series, Math.max(0, q.fromS)))
      .where('id', '<=', sampleId(series, Math.min(SERIES_SPAN - 1, q.toS)))
      .orderBy('id')
      .execute();
  const [hours, minutes] = await Promise.all([range('health_hourly'), range('health_samples')]);
  const all = [...hours, ...minutes].map(toBucket);
  return q.stepS >= HOUR ? rollUp(all, HOUR) : rollUp(all, MINUTE);
}

/** Log events counted into a series since `fromS` (unix seconds), per signature: the events table, exactly. */
export async function countEvents(
  hostId: string,
  container: string,
  fromS: number,
  db: Kysely<Database> = getDb(),
): Promise<Record<string, number>> {
  const series = await seriesId(db, hostId, container, false);
  if (series === null) return {};
  const rows = await db
    .selectFrom('health_events')
    .select(['signature', (eb) => eb.fn.countAll<number>().as('n')])
    .where('series', '=', series)
    .where('at', '>=', fromS)
    .groupBy('signature')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.signature, Number(r.n)]));
}

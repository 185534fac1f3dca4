// Sample storage: rounds fold into minutes, minutes older than the raw window into hours, old hours are pruned,
// and a month of a hundred containers stays small (measured on a real SQLite file).
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbPath } from '@/lib/config';
import { getDb } from '@/lib/store/db';
import { HOUR, MINUTE, merge, rollUp, roundBucket, sampleId } from '@/lib/health/fold';
import { compactSamples, querySamples, recordRound } from '@/lib/health/samples';
import { useTempDataDir } from '../core/temp-data';

const DAY = 86_400;
const NOW = Math.floor(Date.UTC(2026, 10, 28, 12, 0, 30) / 1000);
let tmp: ReturnType<typeof useTempDataDir>;

beforeEach(() => {
  tmp = useTempDataDir();
});
afterEach(() => tmp.dispose());

const round = (health: number, gpuUtil: number | null, queueFull = 0) => ({
  health,
  gpuUtil,
  gpuMemMiB: gpuUtil === null ? null : 1000,
  queueFull,
  hits: queueFull,
  rounds: 1,
});
const q = (fromS: number, toS: number, stepS = MINUTE) =>
  querySamples({ hostId: 'h', container: 'c', fromS, toS, stepS });

describe('folding', () => {
  it('weights GPU means by the rounds that had a figure, keeps the worst health and sums the hits', () => {
    let b = roundBucket(0, round(0, 10));
    b = merge(0, b, roundBucket(0, round(2, 40, 3)));
    b = merge(0, b, roundBucket(0, round(1, null, 1)));
    expect(b).toMatchObject({
      health: 2,
      gpuUtil: 25,
      gpuUtilMax: 40,
      queueFull: 4,
      hits: 4,
      rounds: 3,
    });
    const hours = rollUp(
      [
        { ...b, t: 60 },
        { ...roundBucket(120, round(0, 55)) },
        { ...roundBucket(3600, round(0, 5)) },
      ],
      HOUR,
    );
    expect(hours.map((h) => [h.t, h.gpuUtil, h.health, h.queueFull])).toEqual([
      [0, 35, 2, 4],
      [3600, 5, 0, 0],
    ]);
  });
});

describe('sample store', () => {
  it('folds the rounds of one minute into one row and dates log events into their own minutes', async () => {
    for (const [dt, util] of [
      [0, 0],
      [15, 30],
      [30, 60],
    ] as const)
      await recordRound({
        hostId: 'h',
        container: 'c',
        t: NOW - 30 + dt,
        sample: round(0, util, 0),
      });
    const events = [
      { key: 'a', t: NOW - 3 * MINUTE, signature: 'queue_full' },
      { key: 'b', t: NOW - 3 * MINUTE + 5, signature: 'shm_exhausted' },
      { key: 'c', t: NOW - 5, signature: 'queue_full' },
      { key: 'd', t: NOW - 30 * DAY, signature: 'queue_full' },
    ];
    await recordRound({ hostId: 'h', container: 'c', t: NOW, sample: round(2, null), events });
    const points = await q(NOW - HOUR, NOW);
    expect(points).toHaveLength(2);
    const [old, now] = points;
    expect(old).toMatchObject({
      t: Math.floor((NOW - 3 * MINUTE) / 60) * 60,
      health: null,
      rounds: 0,
      queueFull: 1,
      hits: 2,
    });
    expect(now).toMatchObject({
      health: 2,
      gpuUtil: 30,
      gpuUtilMax: 60,
      queueFull: 1,
      hits: 1,
      rounds: 4,
    });
  });

  it('counts an event read again (a console restart, a re-created container with the old log) once', async () => {
    const events = [
      { key: 'e1', t: NOW - 2 * MINUTE, signature: 'queue_full' },
      { key: 'e2', t: NOW - 2 * MINUTE, signature: 'queue_full' },
    ];
    await recordRound({ hostId: 'h', container: 'c', t: NOW - 60, sample: round(2, null), events });
    // The same two lines come back with one new one: only the new one is added.
    await recordRound({
      hostId: 'h',
      container: 'c',
      t: NOW,
      sample: round(2, null),
      events: [...events, { key: 'e3', t: NOW - 10, signature: 'queue_full' }],
    });
    const total = (await q(NOW - HOUR, NOW)).reduce((n, p) => n + p.queueFull, 0);
    expect(total).toBe(3);
  });

  it('keeps minutes for 7 days, hours after that, and prunes hours past their window', async () => {
    // One round every 10 minutes for 100 days: 14 400 rounds of one container (health 2 during day 50 only).
    for (let t = NOW - 100 * DAY; t <= NOW; t += 10 * MINUTE) {
      const day = Math.floor((NOW - t) / DAY);
      await recordRound({
        hostId: 'h',
        container: 'c',
        t,
        sample: round(day === 50 ? 2 : 0, 20 + (Math.floor(t / 600) % 2) * 20, day === 50 ? 1 : 0),
      });
    }
    const r = await compactSamples(NOW, { rawDays: 7, hourlyDays: 90 });
    expect(r.folded).toBeGreaterThan(0);
    const db = getDb();
    const series = (await db.selectFrom('health_series').select('id').executeTakeFirstOrThrow()).id;
    const raw = await db.selectFrom('health_samples').select('id').execute();
    const hourly = await db.selectFrom('health_hourly').select('id').execute();
    const oldestRaw = Math.min(...raw.map((x) => x.id - sampleId(series, 0)));
    const oldestHour = Math.min(...hourly.map((x) => x.id - sampleId(series, 0)));
    expect(NOW - oldestRaw).toBeLessThanOrEqual(7 * DAY + HOUR);
    expect(NOW - oldestRaw).toBeGreaterThan(7 * DAY - HOUR);
    expect(NOW - oldestHour).toBeLessThanOrEqual(90 * DAY + HOUR);
    expect(NOW - oldestHour).toBeGreaterThan(89 * DAY);
    // Hours carry the folded figures: 6 rounds, mean 30 %, peak 40 %, day 50's hits all still there.
    const day50 = await q(NOW - 52 * DAY, NOW - 49 * DAY, HOUR);
    expect(day50.every((p) => p.rounds === 6 && p.gpuUtil === 30 && p.gpuUtilMax === 40)).toBe(
      true,
    );
    expect(day50.reduce((n, p) => n + p.queueFull, 0)).toBe(144);
    expect(day50.some((p) => p.health === 2)).toBe(true);
    // A second compaction changes nothing; a range across the boundary mixes hours and minutes, oldest first.
    expect(await compactSamples(NOW, { rawDays: 7, hourlyDays: 90 })).toEqual({
      folded: 0,
      pruned: 0,
    });
    const across = await q(NOW - 8 * DAY, NOW);
    expect(across.map((p) => p.t)).toEqual([...across.map((p) => p.t)].sort((a, b) => a - b));
    expect(across[0]!.t % HOUR).toBe(0);
    expect(across.at(-1)!.t % MINUTE).toBe(0);
  }, 120_000);

  it('a month of a hundred containers every 15 s stays small', async () => {
    getDb(); // migrated schema
    const file = dbPath();
    const raw = new BetterSqlite3(file);
    try {
      // What 30 days of 15-s rounds leave after compaction: 7 days of minutes + 23 days of hours, per container.
      raw.transaction(() => {
        const series = raw.prepare('INSERT INTO health_series (host_id, container) VALUES (?, ?)');
        const minute = raw.prepare(
          'INSERT INTO health_samples (id, health, gpu_util, gpu_util_max, gpu_mem_mib, queue_full, hits, rounds) VALUES (?, ?, ?, ?, ?, ?, ?, 4)',
        );
        const hour = raw.prepare(
          'INSERT INTO health_hourly (id, health, gpu_util, gpu_util_max, gpu_mem_mib, queue_full, hits, rounds) VALUES (?, ?, ?, ?, ?, ?, ?, 240)',
        );
        for (let c = 0; c < 100; c++) {
          const s = Number(
            series.run(`host-${c % 10}`, `svc-${c}-digital-human-service-1`).lastInsertRowid,
          );
          for (let t = NOW - 30 * DAY; t < NOW - 7 * DAY; t += HOUR)
            hour.run(sampleId(s, t), c % 3, (t / HOUR) % 100, 99, 4000, t % 7 === 0 ? 3 : 0, 3);
          for (let t = NOW - 7 * DAY; t < NOW; t += MINUTE)
            minute.run(sampleId(s, t), c % 3, (t / MINUTE) % 100, 99, 4000, t % 7 === 0 ? 1 : 0, 1);
        }
      })();
      raw.pragma('wal_checkpoint(TRUNCATE)');
      raw.exec('VACUUM');
      const rows = (
        raw
          .prepare(
            'SELECT (SELECT count(*) FROM health_samples) + (SELECT count(*) FROM health_hourly) AS n',
          )
          .get() as { n: number }
      ).n;
      const bytes = fs.statSync(file).size;
      console.log(
        `health samples: ${rows} rows for 100 containers over 30 days = ${(bytes / 2 ** 20).toFixed(1)} MiB (${(bytes / rows).toFixed(1)} B/row)`,
      );
      expect(rows).toBe(100 * (7 * 1440 + 23 * 24));
      expect(bytes).toBeLessThan(48 * 2 ** 20);
    } finally {
      raw.close();
    }
  }, 120_000);
});

// The disk under the console's data directory full (a small tmpfs filled to the last byte): a job cannot start and
// says why, with nothing changed on the container; a job under way when the disk fills ends rolled back or done,
// never "running" with its outcome lost, once space is back. Then the same job runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { addHost, trustHostKey } from '@/lib/hosts/service';
import { lockHolder } from '@/lib/locks/container-lock';
import { eventsAfter, getJobRow } from '@/lib/jobs/store';
import { startJob } from '@/lib/jobs/service';
import { remote } from '@/lib/remote';
import { closeDb, getDb } from '@/lib/store/db';
import { createServiceContainer, inHost, labHost, removeContainer } from '../helpers/lab';

const NAME = 'rx-df-1';
const PORT = 7915;
const CONFIG = '/app/HeyGem-Linux-Python-Hack/config/config.ini';
let dir = '';
let filler = '';
let hostId = '';

const batchSize = async () =>
  /^batch_size\s*=\s*(\d+)/m.exec(
    (await inHost('h1', ['docker', 'exec', NAME, 'cat', CONFIG])).stdout,
  )?.[1];

/** Fills the tmpfs to the last byte, after the database's WAL was emptied: the next write must grow a file. */
async function fillDisk(): Promise<void> {
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(getDb());
  const fd = fs.openSync(filler, 'a');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  try {
    for (;;) fs.writeSync(fd, chunk.subarray(0, 512));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
}

const freeDisk = () => fs.rmSync(filler, { force: true });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-diskfull-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir]);
  filler = path.join(dir, 'filler');
  closeDb();
  process.env.CONSOLE_DATA_DIR = dir;
  remote.resetForTests();
  const h = await labHost('h1');
  const view = await addHost(CLI_ADMIN, {
    name: 'h1',
    address: h.address,
    port: h.port,
    user: h.user,
    privateKey: fs.readFileSync(h.keyFile, 'utf8'),
    dockerSocket: h.dockerSocket,
    groups: [],
  });
  hostId = (await trustHostKey(CLI_ADMIN, view.id, h.fingerprint)).id;
  await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
}, 300_000);

afterAll(async () => {
  remote.resetForTests();
  closeDb();
  if (dir) {
    execFileSync('umount', [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await removeContainer('h1', NAME);
});

describe('the console data disk full', () => {
  it('a job cannot start: the error says the disk is full; the container and the lock are untouched', async () => {
    expect(await batchSize()).toBe('4');
    await fillDisk();
    const err = await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'batch-size' }).then(
      () => null,
      (e: unknown) => e,
    );
    freeDisk();
    expect(String((err as Error)?.message)).toMatch(/disk is full/i);
    expect(await batchSize()).toBe('4');
    expect(await lockHolder(hostId, NAME)).toBeNull();
  });

  it('the disk fills under a running job: once space is back it has ended, and the container matches what it says', async () => {
    const { job, done } = await startJob(CLI_ADMIN, {
      hostId,
      container: NAME,
      name: 'batch-size',
    });
    await fillDisk();
    // Space comes back a little later, while the job is still trying to store its end.
    await new Promise((r) => setTimeout(r, 3_000));
    freeDisk();
    const final = await done;
    console.log(
      `disk full mid-job: ${final.status}, rolled back ${final.result?.rolledBack ?? '-'}: ${final.error ?? ''}`,
    );
    const row = await getJobRow(job.id);
    expect(row?.status).toBe(final.status);
    // The log lines written while the disk was full were kept and stored once space was back, in order.
    const lines = (await eventsAfter(job.id, 0)).filter((e) => e.type === 'log').map((e) => e.text);
    if (final.status === 'failed') {
      const failed = lines.findIndex(
        (l) => l.startsWith('✗ ') && /disk is full|SQLITE_FULL|cannot store/i.test(l),
      );
      expect(failed, lines.join('\n')).toBeGreaterThanOrEqual(0);
      expect(
        lines.findIndex((l) => l.startsWith('service: ')),
        lines.join('\n'),
      ).toBeGreaterThan(failed);
    } else {
      expect(
        lines.some((l) => l.startsWith('✓ batch-size')),
        lines.join('\n'),
      ).toBe(true);
    }
    expect(['failed', 'succeeded']).toContain(final.status);
    if (final.status === 'failed') {
      expect(final.result?.rolledBack, JSON.stringify(final)).toBe(true);
      expect(await batchSize()).toBe('4');
    } else {
      expect(await batchSize()).toBe('1');
    }
    expect(await lockHolder(hostId, NAME)).toBeNull();
  });

  it('with space back, the same job runs and verifies', async () => {
    const { done } = await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'batch-size' });
    const final = await done;
    expect(['succeeded', 'already_applied']).toContain(final.status);
    expect(await batchSize()).toBe('1');
  });
});

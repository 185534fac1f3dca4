// Previews under load, against a lab host (issue #19): the same plan asked for 100 times at once is read from the
// host once; previews that differ are admitted a few at a time per host, and beyond the queue refused at once as
// busy (HTTP 503 with Retry-After through the routes), not queued without limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { CLI_ADMIN } from '@/lib/auth/types';
import {
  PREVIEW_QUEUE,
  PREVIEWS_PER_HOST,
  PREVIEW_WAIT_MS,
  previewsComputed,
} from '@/lib/jobs/preview-flight';
import { previewJob } from '@/lib/jobs/service';
import { remote, RemoteError } from '@/lib/remote';
import { toActionError } from '@/lib/web/errors';
import { HTTP_STATUS } from '@/lib/web/result';
import { labConsole, type LabConsole } from '../../helpers/remedy';

let lc: LabConsole;
let hostId: string;
let container: string;

beforeAll(async () => {
  lc = await labConsole();
  hostId = lc.hosts.get('h1')!.id;
  container = lc.lab.hosts
    .find((h) => h.name === 'h1')!
    .containers.find((c) => c.state === 'broken')!.name;
}, 120_000);
afterAll(() => lc?.dispose());

const channels = (): number => remote.stats().find((s) => s.hostId === hostId)?.channelsOpened ?? 0;

describe('previews under load', () => {
  it('100 concurrent identical previews are computed once, with the channels of one', async () => {
    const c0 = channels();
    await previewJob(CLI_ADMIN, {
      hostId,
      container,
      name: 'batch-size',
      params: { batchSize: 3 },
    });
    const one = channels() - c0;
    expect(one).toBeGreaterThan(0); // a preview really reads the container

    // Another plan (value 2), so the burst cannot reuse the plan just read.
    const n0 = previewsComputed();
    const c1 = channels();
    const t0 = Date.now();
    const plans = await Promise.all(
      Array.from({ length: 100 }, () =>
        previewJob(CLI_ADMIN, { hostId, container, name: 'batch-size', params: { batchSize: 2 } }),
      ),
    );
    expect(previewsComputed() - n0).toBe(1);
    expect(new Set(plans.map((p) => p.hash)).size).toBe(1);
    expect(renderText(plans[0]!.parts[0]!.wanted, 'en')).toBe('batch_size = 2');
    // Docker keep-alive sockets make the count of one preview vary by a few; 100 reads would be 100 times it.
    expect(channels() - c1).toBeLessThanOrEqual(one + 6);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('different previews beyond the per-host queue are refused at once as busy, with a time to retry', async () => {
    const asked = Array.from({ length: 30 }, (_, i) => i + 5).map(async (value) => {
      const t0 = Date.now();
      const r = await previewJob(CLI_ADMIN, {
        hostId,
        container,
        name: 'batch-size',
        params: { batchSize: value },
      }).then(
        (plan) => ({ plan }),
        (err: unknown) => ({ err }),
      );
      return { ...r, ms: Date.now() - t0 };
    });
    const results = await Promise.all(asked);
    const busy = results.filter(
      (r) => 'err' in r && r.err instanceof RemoteError && r.err.kind === 'busy',
    );
    const other = results.filter((r) => 'err' in r && !busy.includes(r));
    expect(other.map((r) => String((r as { err: unknown }).err))).toEqual([]);
    // At most PREVIEWS_PER_HOST run and PREVIEW_QUEUE wait; the rest of the 30 were refused when they asked.
    expect(busy.length).toBeGreaterThanOrEqual(30 - PREVIEWS_PER_HOST - PREVIEW_QUEUE);
    const refusedAtOnce = busy.filter((r) => r.ms < 1_000);
    expect(refusedAtOnce.length).toBeGreaterThanOrEqual(30 - PREVIEWS_PER_HOST - PREVIEW_QUEUE);
    for (const r of busy) expect(r.ms).toBeLessThan(PREVIEW_WAIT_MS + 2_000);
    const err = (busy[0] as { err: RemoteError }).err;
    expect(err.retryAfterS).toBeGreaterThan(0);
    const answer = toActionError(err);
    expect(answer).toMatchObject({ code: 'busy', retryAfterS: err.retryAfterS });
    expect(HTTP_STATUS[answer.code]).toBe(503);
    // The host is not left congested: a preview right after is answered.
    const after = await previewJob(CLI_ADMIN, {
      hostId,
      container,
      name: 'batch-size',
      params: { batchSize: 40 },
    });
    expect(renderText(after.parts[0]!.wanted, 'en')).toBe('batch_size = 40');
  });
});

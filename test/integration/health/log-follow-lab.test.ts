// Following a service log live on a lab host, as the log viewer does: the last lines first, then each line the
// service writes (Chinese text whole, the signature highlighted), a truncated log read from its start again, the
// follower gone from the host's count when the reader leaves, and `docker logs` ending with its container.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heygem, QUEUE_FULL_MSG, UUID } from '../../unit/diagnosis/real-lines';
import { followerCount, followLog } from '@/lib/health/log-follow';
import type { LogLine } from '@/lib/health/logs';
import {
  appendServiceLog,
  createServiceContainer,
  inHost,
  removeContainer,
} from '../../helpers/lab';
import { labConsole, type LabConsole } from '../../helpers/remedy';

const NAME = 'follow-digital-human-service-1';
const PORT = 7930;
// The service's queue-full line in its own logger's format (test/unit/diagnosis/real-lines.ts).
const QUEUE_FULL = heygem('2026-12-03 10:00:00', UUID, QUEUE_FULL_MSG, 'ERROR');

let lc: LabConsole;
let hostId: string;
let containerId: string;

const writeLine = (line: string) => appendServiceLog('h1', NAME, line);

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  lc = await labConsole();
  hostId = lc.hosts.get('h1')!.id;
  const c = await createServiceContainer('h1', { name: NAME, port: PORT, state: 'healthy' });
  containerId = c.id;
}, 300_000);

afterAll(async () => {
  lc?.dispose();
  await removeContainer('h1', NAME).catch(() => undefined);
});

describe('live log', () => {
  it('sends the tail, then each new line once, whole and highlighted; starts over after a truncation', async () => {
    await writeLine('before the follower: part of the tail');
    const got: LogLine[] = [];
    let rotations = 0;
    const stop = new AbortController();
    const following = followLog(hostId, containerId, 'gradio', 50, stop.signal, {
      lines: (l) => got.push(...l),
      rotated: () => rotations++,
    });
    await until('the tail', () => got.find((l) => l.text.includes('part of the tail')));
    expect(followerCount(hostId)).toBe(0); // counted by the route (admitFollower), not by the reader itself

    await writeLine(QUEUE_FULL);
    const hit = await until('the new line', () => got.find((l) => l.text === QUEUE_FULL));
    expect(hit.spans.map((s) => s.signature)).toContain('queue_full');
    await writeLine('after it');
    await until('the next line', () => got.find((l) => l.text === 'after it'));
    expect(got.filter((l) => l.text === QUEUE_FULL)).toHaveLength(1);
    expect(got.some((l) => l.text.includes('\uFFFD'))).toBe(false);

    await inHost('h1', ['docker', 'exec', NAME, 'truncate', '-s', '0', '/tmp/gradio.log']);
    await writeLine('first line after the truncation');
    await until('the line after the truncation', () =>
      got.find((l) => l.text === 'first line after the truncation'),
    );
    expect(rotations).toBe(1);

    stop.abort();
    await following;
  }, 90_000);

  it("follows the container's own output and ends when the container stops", async () => {
    const got: LogLine[] = [];
    const stop = new AbortController();
    let ended = false;
    const following = followLog(hostId, containerId, 'docker', 20, stop.signal, {
      lines: (l) => got.push(...l),
      rotated: () => undefined,
    }).then(() => {
      ended = true;
    });
    // Give the stream a moment to open, then stop the container under it.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ended).toBe(false);
    await inHost('h1', ['docker', 'stop', '-t', '1', NAME]);
    await until('the follower to end', () => (ended ? true : undefined), 30_000);
    await following;
  }, 90_000);
});

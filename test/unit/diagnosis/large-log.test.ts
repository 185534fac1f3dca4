import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readNewLines } from '@/lib/logs/file-reader';
import { SignatureScanner } from '@/lib/diagnosis/scanner';
import { QUEUE_FULL_MSG, heygem, queueEmptyTraceback } from './real-lines';

const TARGET_BYTES = 200 * 1024 * 1024;
let dir: string;
let file: string;
let blocks = 0;

// One block of ordinary progress lines with one queue-full hit and one queue-empty traceback; the task ids
// change per block so the hit count and the distinct task ids can be checked exactly.
function block(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++)
    lines.push(
      heygem(
        '2025-03-23 23:13:34',
        String(n),
        `drivered_video >>> 发送数据大小:[4], current_idx:${i}/4000`,
      ),
    );
  lines.push(heygem('2025-03-23 23:13:35', String(n), QUEUE_FULL_MSG, 'ERROR'));
  lines.push(...queueEmptyTraceback(`9${n}`, '2025-03-23 23:13:36'));
  return lines.join('\r\n') + '\r\n';
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dh-biglog-'));
  file = path.join(dir, 'dh.log');
  const fh = await open(file, 'w');
  let written = 0;
  while (written < TARGET_BYTES) {
    const buf = Buffer.from(block(blocks++));
    await fh.write(buf);
    written += buf.length;
  }
  await fh.close();
}, 120_000);

afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('a 200 MB log', () => {
  it('is scanned in bounded memory with every hit counted', async () => {
    expect((await stat(file)).size).toBeGreaterThanOrEqual(TARGET_BYTES);
    globalThis.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    let lines = 0;
    const scanner = new SignatureScanner();
    const r = await readNewLines(
      file,
      null,
      (line) => {
        scanner.feed(line);
        if (++lines % 20_000 === 0) {
          const m = process.memoryUsage();
          peakRss = Math.max(peakRss, m.rss);
          peakHeap = Math.max(peakHeap, m.heapUsed);
        }
      },
      { initialTailBytes: Infinity, final: true },
    );
    scanner.finish();

    const s = scanner.summary();
    expect(r.bytesRead).toBe((await stat(file)).size);
    expect(s.queue_full.count).toBe(blocks);
    expect(s.queue_empty.count).toBe(blocks);
    expect(s.queue_full.taskIds.length).toBe(Math.min(blocks, 1000)); // distinct ids kept, capped
    const mib = (n: number) => Math.round(n / 1024 / 1024);
    console.log(
      `200 MB scan: ${lines} lines, peak RSS +${mib(peakRss - base.rss)} MiB, peak heap +${mib(peakHeap - base.heapUsed)} MiB`,
    );
    // The file is 200 MiB: growth far below that shows it was streamed, not loaded.
    expect(peakRss - base.rss).toBeLessThan(64 * 1024 * 1024);
    expect(peakHeap - base.heapUsed).toBeLessThan(48 * 1024 * 1024);
  }, 180_000);
});

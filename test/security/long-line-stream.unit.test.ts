// One long line through the paste/upload scanner (POST /api/diagnose): each byte is looked at once and the line
// keeps its first 64 KiB, so a 20 MB line costs what 20 MB of short lines cost. Before, the text carried over was
// joined with every chunk and split again: one 19 MB line took 17–23 s and +370 MB.
import { describe, expect, it } from 'vitest';
import { scanLogStream, SCAN_LINE_LIMIT_BYTES } from '@/lib/diagnosis/scan-stream';
import { LineSplitter } from '@/lib/logs/line-splitter';

const MB = 1 << 20;
const CHUNK = 64 * 1024;
const QUEUE_FULL =
  '[2025-03-23 23:13:34] [process.py[line:108]] [ERROR] [[18]任务视频驱动队列满，严重阻塞，下游队列异常]';

/** A body made chunk by chunk as it is read (never held whole), sampling the heap as it goes. */
function generated(
  total: number,
  chunkAt: (offset: number, size: number) => Uint8Array,
  onPull: () => void,
): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull();
      if (offset >= total) return controller.close();
      const size = Math.min(CHUNK, total - offset);
      controller.enqueue(chunkAt(offset, size));
      offset += size;
    },
  });
}

async function measured(total: number, chunkAt: (offset: number, size: number) => Uint8Array) {
  globalThis.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const t0 = performance.now();
  const result = await scanLogStream(
    generated(total, chunkAt, () => (peak = Math.max(peak, process.memoryUsage().heapUsed))),
    32 * MB,
  );
  return { result, ms: performance.now() - t0, heapGrowth: peak - base };
}

describe('a 20 MB single-line log through the stream scanner', () => {
  it('finishes in < 2 s with heap growth < 64 MB, the line cut to 64 KiB and marked so', async () => {
    const head = Buffer.from(QUEUE_FULL);
    const xs = Buffer.alloc(CHUNK, 'x');
    const { result, ms, heapGrowth } = await measured(20 * MB, (offset, size) =>
      offset === 0 ? Buffer.concat([head, xs]).subarray(0, size) : xs.subarray(0, size),
    );
    console.log(`20 MB line: ${ms.toFixed(0)} ms, heap +${(heapGrowth / MB).toFixed(1)} MiB`);
    expect(ms).toBeLessThan(2000);
    expect(heapGrowth).toBeLessThan(64 * MB);
    expect(result).toMatchObject({
      bytes: 20 * MB,
      lines: 1,
      cutLines: 1,
      lineLimitBytes: SCAN_LINE_LIMIT_BYTES,
    });
    expect(result.signatures.queue_full.count).toBe(1);
  });

  it('a long line between ordinary ones: the lines around it are read whole and counted as before', async () => {
    const body = Buffer.concat([
      Buffer.from(`${QUEUE_FULL}\n`),
      Buffer.alloc(5 * MB, '/dev/shm '),
      Buffer.from(`\n${QUEUE_FULL}\r\n${QUEUE_FULL}`),
    ]);
    const { result } = await measured(body.length, (offset, size) =>
      body.subarray(offset, offset + size),
    );
    expect(result).toMatchObject({ lines: 4, cutLines: 1 });
    expect(result.signatures.queue_full.count).toBe(3);
  });
});

describe('LineSplitter', () => {
  it('is linear in the bytes fed: a 20 MB line in 4 kB chunks costs about what 5 MB costs, times four', () => {
    const time = (bytes: number) => {
      const s = new LineSplitter(SCAN_LINE_LIMIT_BYTES);
      const chunk = Buffer.alloc(4096, 'y');
      const t0 = performance.now();
      for (let sent = 0; sent < bytes; sent += chunk.length) s.push(chunk);
      s.push(Buffer.from('\n'));
      return performance.now() - t0;
    };
    time(MB); // warm-up
    const small = time(5 * MB);
    const large = time(20 * MB);
    console.log(`splitter: 5 MB ${small.toFixed(1)} ms, 20 MB ${large.toFixed(1)} ms`);
    expect(large).toBeLessThan(500);
    expect(large).toBeLessThan(Math.max(small * 12, 50));
  });

  it('cuts on a character boundary: no broken UTF-8 at the end of a cut line', () => {
    const s = new LineSplitter(10);
    const [line] = s.push(Buffer.from('abcdefghi任务\n'));
    expect(line).toBe('abcdefghi');
    expect(s.cutLines).toBe(1);
    expect(s.push(Buffer.from('短\r\n'))).toEqual(['短']);
    expect(s.cutLines).toBe(1);
  });
});

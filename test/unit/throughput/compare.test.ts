// The figures and the plain verdict a support engineer reads, from job results as the run engine records them.
import { describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { compareRuns, figuresOf, verdict } from '@/lib/throughput';
import { sniffFormat } from '@/lib/throughput/media-type';
import type { JobFigures } from '@/lib/throughput/job';

const job = (
  index: number,
  ok: boolean,
  totalMs: number,
  errorKind: JobFigures['errorKind'] = null,
): JobFigures => ({
  index,
  ok,
  errorKind: ok ? null : (errorKind ?? 'failed'),
  error: ok ? null : 'x',
  queueWaitMs: 0,
  processingMs: totalMs,
  totalMs,
  output: ok ? `${index}.mp4` : null,
  outputBytes: ok ? 1 : null,
});

describe('figures and verdict', () => {
  it('broken before, fixed after: "fixed: 3/3 jobs succeeded, 2.4x faster, no queue-full lines" in en and zh', () => {
    const before = figuresOf(
      [job(0, true, 12_000), job(1, false, 4000), job(2, false, 4000, 'queue_full_http')],
      13_000,
      [{ t: 0, utilPct: 0, memMiB: 0 }],
      2,
    );
    expect(before).toMatchObject({
      succeeded: 1,
      successRate: 1 / 3,
      meanJobMs: 12_000,
      queueFullHits: 3,
      gpuUtilMax: 0,
    });
    const after = figuresOf(
      [job(0, true, 5000), job(1, true, 5000), job(2, true, 5000)],
      5200,
      [
        { t: 0, utilPct: 40, memMiB: 1 },
        { t: 1, utilPct: 80, memMiB: 1 },
      ],
      0,
    );
    expect(after).toMatchObject({
      succeeded: 3,
      meanJobMs: 5000,
      p95JobMs: 5000,
      gpuUtilMean: 60,
      gpuUtilMax: 80,
      queueFullHits: 0,
    });
    expect(after.jobsPerMinute).toBeCloseTo(34.6, 1);
    const c = compareRuns(before, after);
    expect(c.speedup).toBe(2.4);
    expect(c.verdict.fixed).toBe(true);
    expect(renderText(c.verdict, 'en')).toBe(
      'fixed: 3/3 jobs succeeded, 2.4x faster, no queue-full lines',
    );
    expect(renderText(c.verdict, 'zh-CN')).toBe(
      '已修复：3/3 个任务成功，快 2.4 倍，日志中没有“队列满”',
    );
    expect(renderText(verdict(before), 'en')).toBe(
      'not fixed: 1/3 jobs succeeded, 3 queue-full hits',
    );
  });

  it('p95 of several job times', () => {
    const f = figuresOf(
      Array.from({ length: 20 }, (_, i) => job(i, true, (i + 1) * 1000)),
      60_000,
      [],
      0,
    );
    expect(f.p95JobMs).toBe(19_000);
  });

  it('formats by content: wav, mp3 (ID3 and frame sync), m4a, mov, mp4; text is none of them', () => {
    expect(sniffFormat(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'))).toBe('wav');
    expect(sniffFormat(Buffer.from('ID3\x04\0\0\0\0\0\0\0\0', 'latin1'))).toBe('mp3');
    expect(sniffFormat(Buffer.from([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniffFormat(Buffer.from('\0\0\0\x20ftypM4A \0\0\0\0', 'latin1'))).toBe('m4a');
    expect(sniffFormat(Buffer.from('\0\0\0\x14ftypqt  \0\0\0\0', 'latin1'))).toBe('mov');
    expect(sniffFormat(Buffer.from('\0\0\0\x20ftypisom\0\0\0\0', 'latin1'))).toBe('mp4');
    expect(sniffFormat(Buffer.from('hello, this is text', 'latin1'))).toBeNull();
  });
});

// The log viewer's highlighting on real-format lines, and how a round's hits are dated for the charts.
import { describe, expect, it } from 'vitest';
import { highlight, toLogLines } from '@/lib/health/logs';
import { roundOf } from '@/lib/health/round';
import { clockOf, type ContainerReport } from '@/lib/probes/container';
import type { ContainerProbeOutput } from '@/lib/probes/types';

const TASK = '6410834c-eb5a-11f1-ae98-268083430bd4';

describe('log highlighting', () => {
  it('marks each signature where it stands in the line, in all three line shapes and with CRLF', () => {
    const lines = toLogLines(
      [
        `[2026-11-28 18:34:50] [process.py[line:108]] [ERROR] [[${TASK}]任务视频驱动队列满，严重阻塞，下游队列异常]\r`,
        `2026-11-28T18:34:50.1Z starpainting-digital-human-service-1  | [${TASK}]任务视频驱动队列满，严重阻塞，下游队列异常`,
        `[${TASK}]共享内存分配失败: [Errno 28] No space left on device: '/dev/shm/psm_1'`,
        '2026-11-28 18:30:01.123 [W:onnxruntime:Default, onnxruntime_pybind_state.cc:965 CreateExecutionProviderInstance] Failed to create CUDAExecutionProvider. Please reference https://onnxruntime.ai',
        '>>> 任务:1004 耗时:5.1',
        '',
      ].join('\n'),
    );
    expect(lines).toHaveLength(5);
    const marked = lines.map((l) => l.spans.map((s) => [s.signature, l.text.slice(s.from, s.to)]));
    expect(marked[0]).toEqual([['queue_full', '任务视频驱动队列满，严重阻塞，下游队列异常']]);
    expect(lines[0]!.text.endsWith('\r')).toBe(false);
    expect(marked[1]![0]![0]).toBe('queue_full');
    expect(marked[2]).toEqual([['shm_exhausted', "No space left on device: '/dev/shm"]]);
    expect(marked[3]).toEqual([
      ['cuda_provider_fallback', 'Failed to create CUDAExecutionProvider'],
    ]);
    expect(marked[4]).toEqual([]);
  });

  it('keeps spans apart when patterns overlap and cuts very long lines', () => {
    const spans = highlight('CUDA out of memory; BFCArena Failed to allocate 4 GiB: out of memory');
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
    expect(toLogLines('x'.repeat(10_000))[0]!.text.length).toBe(2001);
  });
});

describe('dating a round', () => {
  it('reads the container clock from the probe (its zone), else judges it from local time in 15-minute steps', () => {
    const at = '2026-11-28T10:00:20.000Z';
    const probe = (o: object) =>
      ({ nowLocal: '2026-11-28 18:00:17', logs: [], ...o }) as unknown as ContainerProbeOutput;
    expect(clockOf(probe({ tz: { offsetS: 28_800, name: 'CST' } }), at)).toEqual({
      offsetS: 28_800,
      zone: 'CST',
    });
    expect(clockOf(probe({}), at)).toEqual({ offsetS: 8 * 3600, zone: null });
    expect(clockOf(null, at)).toBeNull();
  });

  it('stores each new event at its own moment in UTC, and leaves events of unknown time out of the charts', () => {
    const at = '2026-11-28T10:00:20.000Z';
    const hit = (when: number | null, key: string) => ({
      signature: 'queue_full' as const,
      taskId: TASK,
      time: null,
      line: 'x',
      at: when,
      key,
    });
    const report = {
      hostId: 'h',
      container: { id: 'c1', name: 'c' },
      at,
      gpu: { available: true, utilPct: 0, memUsedMiB: 10, pids: [] },
      diagnosis: { health: 'blocking', findings: [] },
      newHits: [hit(Date.parse('2026-11-28T09:40:00Z'), 'k1'), hit(null, 'k2')],
    } as unknown as ContainerReport;
    const r = roundOf(report);
    expect(r.sample).toEqual({
      health: 2,
      gpuUtil: 0,
      gpuMemMiB: 10,
      queueFull: 0,
      hits: 0,
      rounds: 1,
    });
    expect(r.events).toEqual([
      { key: 'k1', t: Date.parse('2026-11-28T09:40:00Z') / 1000, signature: 'queue_full' },
    ]);
  });
});

// The log viewer's highlighting on real-format lines, and how a round's hits are dated for the charts.
import { describe, expect, it } from 'vitest';
import { highlight, toLogLines } from '@/lib/health/logs';
import { clockOffsetS, roundOf } from '@/lib/health/round';
import type { ContainerReport } from '@/lib/probes/container';

const TASK = '6410834c-eb5a-11f1-ae98-268083430bd4';

describe('log highlighting', () => {
  it('marks each signature where it stands in the line, in all three line shapes and with CRLF', () => {
    const lines = toLogLines([
      `[2026-11-28 18:34:50] [process.py[line:108]] [ERROR] [[${TASK}]任务视频驱动队列满，严重阻塞，下游队列异常]\r`,
      `2026-11-28T18:34:50.1Z starpainting-digital-human-service-1  | [${TASK}]任务视频驱动队列满，严重阻塞，下游队列异常`,
      `[${TASK}]共享内存分配失败: [Errno 28] No space left on device: '/dev/shm/psm_1'`,
      '2026-11-28 18:30:01.123 [W:onnxruntime:Default, onnxruntime_pybind_state.cc:965 CreateExecutionProviderInstance] Failed to create CUDAExecutionProvider. Please reference https://onnxruntime.ai',
      '>>> 任务:1004 耗时:5.1',
      '',
    ].join('\n'));
    expect(lines).toHaveLength(5);
    const marked = lines.map((l) => l.spans.map((s) => [s.signature, l.text.slice(s.from, s.to)]));
    expect(marked[0]).toEqual([['queue_full', '任务视频驱动队列满，严重阻塞，下游队列异常']]);
    expect(lines[0]!.text.endsWith('\r')).toBe(false);
    expect(marked[1]![0]![0]).toBe('queue_full');
    expect(marked[2]).toEqual([['shm_exhausted', "No space left on device: '/dev/shm"]]);
    expect(marked[3]).toEqual([['cuda_provider_fallback', 'Failed to create CUDAExecutionProvider']]);
    expect(marked[4]).toEqual([]);
  });

  it('keeps spans apart when patterns overlap and cuts very long lines', () => {
    const spans = highlight('CUDA out of memory; BFCArena Failed to allocate 4 GiB: out of memory');
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
    expect(toLogLines('x'.repeat(10_000))[0]!.text.length).toBe(2001);
  });
});

describe('dating a round', () => {
  it('finds the container clock offset in 15-minute steps and puts backlog hits in their minute', () => {
    const at = '2026-11-28T10:00:20.000Z';
    expect(clockOffsetS('2026-11-28 18:00:17', at)).toBe(8 * 3600);
    expect(clockOffsetS(undefined, at)).toBe(0);
    const hit = (time: string | null) => ({ signature: 'queue_full' as const, taskId: TASK, time, line: 'x' });
    const report = {
      hostId: 'h', container: { id: 'c1', name: 'c' }, at, probe: { nowLocal: '2026-11-28 18:00:17' }, gpu: { available: true, utilPct: 0, memUsedMiB: 10, pids: [] },
      diagnosis: { health: 'blocking', findings: [] }, newHits: [hit('2026-11-28 18:00:05'), hit(null), hit('2026-11-28 17:40:00')],
    } as unknown as ContainerReport;
    const r = roundOf(report);
    expect(r.sample).toEqual({ health: 2, gpuUtil: 0, gpuMemMiB: 10, queueFull: 2, hits: 2, rounds: 1 });
    expect(r.hitTimes).toEqual([{ t: Date.parse('2026-11-28T09:40:00Z') / 1000, queueFull: true }]);
  });
});

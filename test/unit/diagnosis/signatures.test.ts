import { signatureExplanation } from '@/lib/diagnosis/messages';
import { renderText } from '@/lib/i18n/text';
import { describe, expect, it } from 'vitest';
import { SignatureScanner } from '@/lib/diagnosis/scanner';
import { scanLogText } from '@/lib/diagnosis/scan-log';
import { SIGNATURES, SIGNATURE_IDS } from '@/lib/diagnosis/signatures';
import { REMEDY_ORDER } from '@/lib/diagnosis/remedies';
import {
  ORT_BFC_OOM,
  ORT_CUDNN_ERROR,
  ORT_FALLBACK_WARNING,
  QUEUE_FULL_MSG,
  UUID,
  bare,
  compose,
  heygem,
  queueEmptyTraceback,
  shmTraceback,
} from './real-lines';

const scan = (lines: string[], eol = '\n') => scanLogText(lines.join(eol) + eol).summary;

describe('signature catalogue', () => {
  it('has the six signatures, each explained in Chinese and English, with known remedies', () => {
    expect(SIGNATURES.map((s) => s.id)).toEqual([...SIGNATURE_IDS]);
    for (const s of SIGNATURES) {
      expect(renderText(signatureExplanation(s.id), 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(renderText(signatureExplanation(s.id), 'en')).toMatch(/[a-z]{4} [a-z]{4}/);
      expect(s.remedies.length).toBeGreaterThan(0);
      for (const r of s.remedies) expect(REMEDY_ORDER).toContain(r);
    }
  });
});

describe('queue_full', () => {
  const line = (task: string) => heygem('2025-03-23 23:13:34', task, QUEUE_FULL_MSG, 'ERROR');
  it.each([
    ['bracketed', [line('1002'), line(UUID)]],
    ['compose', [compose(line('1002')), compose(line(UUID))]],
    ['bare', [bare('1002', QUEUE_FULL_MSG), bare(UUID, QUEUE_FULL_MSG)]],
  ])('counts hits with their task ids in %s lines', (_shape, lines) => {
    const s = scan(lines as string[]);
    expect(s.queue_full.count).toBe(2);
    expect(s.queue_full.taskIds).toEqual(['1002', UUID]);
    for (const id of SIGNATURE_IDS) if (id !== 'queue_full') expect(s[id].count).toBe(0);
  });

  it('records the time of the first and last hit', () => {
    const s = scan([
      heygem('2025-03-23 23:13:34', '1', QUEUE_FULL_MSG, 'ERROR'),
      heygem('2025-03-23 23:40:02', '2', QUEUE_FULL_MSG, 'ERROR'),
    ]);
    expect(s.queue_full).toMatchObject({
      first: '2025-03-23 23:13:34',
      last: '2025-03-23 23:40:02',
    });
  });

  it('matches lines ending in CRLF', () => {
    const s = scan(
      [heygem('2025-03-23 23:13:34', '41', QUEUE_FULL_MSG, 'ERROR'), bare('42', QUEUE_FULL_MSG)],
      '\r\n',
    );
    expect(s.queue_full).toMatchObject({ count: 2, taskIds: ['41', '42'] });
  });
});

describe('queue_empty', () => {
  it('counts one chained traceback from TransDhTask.work as one hit, with the task of the failure line after it', () => {
    const s = scan(queueEmptyTraceback('1002'));
    expect(s.queue_empty).toEqual({
      count: 1,
      taskIds: ['1002'],
      first: '2025-03-19 22:37:14',
      last: '2025-03-19 22:37:14',
    });
  });

  it('works through docker compose prefixes and CRLF', () => {
    const s = scan(
      queueEmptyTraceback(UUID).map((l) => compose(l)),
      '\r\n',
    );
    expect(s.queue_empty).toMatchObject({ count: 1, taskIds: [UUID] });
  });

  it('ignores a _queue.Empty traceback from other code', () => {
    const s = scan([
      'Traceback (most recent call last):',
      '  File "x.py", line 3, in poll',
      '    raise Empty',
      '_queue.Empty',
      heygem('2025-03-19 22:37:14', '5', 'next'),
    ]);
    expect(s.queue_empty.count).toBe(0);
  });
});

describe('cuda_provider_fallback', () => {
  it('counts the ONNX Runtime warning (after the cuDNN load error)', () => {
    const s = scan([ORT_CUDNN_ERROR, ORT_FALLBACK_WARNING, compose(ORT_FALLBACK_WARNING)]);
    expect(s.cuda_provider_fallback).toMatchObject({
      count: 2,
      taskIds: [],
      first: '2025-03-23 23:10:01',
    });
  });
});

describe('cuda_oom', () => {
  it('counts CUDA out of memory and BFCArena allocation failures', () => {
    const s = scan([
      ORT_BFC_OOM,
      heygem(
        '2025-03-23 23:21:00',
        '1007',
        '任务执行失败，异常信息:[CUDA out of memory. Tried to allocate 20.00 MiB (GPU 0; 23.69 GiB total capacity)]',
        'ERROR',
      ),
      bare('1008', 'RuntimeError: CUDA error: out of memory'),
    ]);
    expect(s.cuda_oom).toMatchObject({ count: 3, taskIds: ['1007', '1008'] });
  });
});

describe('shm_exhausted', () => {
  it('counts a No-space traceback from shared memory once, with its task', () => {
    const s = scan(shmTraceback('1010'));
    expect(s.shm_exhausted).toMatchObject({ count: 1, taskIds: ['1010'] });
  });
  it('counts a traceback and the failure line HeyGem logs right after it as one event each, back-to-back ones too', () => {
    const tb = (n: string) => [
      'Traceback (most recent call last):',
      '  File "shm_pool.py", line 61, in shm_pool.BufferPool.try_take',
      '  File "shm_pool.py", line 28, in shm_pool.ShmBuffer.__init__',
      `OSError: [Errno 28] No space left on device: '/dev/shm/psm_${n}'`,
      '',
    ];
    const failed = (task: string, n: string) =>
      heygem(
        '2026-11-29 02:21:14',
        task,
        `共享内存分配失败: [Errno 28] No space left on device: '/dev/shm/psm_${n}'`,
        'ERROR',
      );
    const s = scan([
      'drivered_video >>>>>>>>>>>>>>>>>>>> 发送数据大小:[4], current_idx:20',
      ...tb('a5a6d403'),
      ...tb('bbfba682'),
      failed('7f09cc8c-eb58-11f1-aa19-b6fb5418d732', 'a5a6d403'),
      failed('7f09ea28-eb58-11f1-8138-b6fb5418d732', 'bbfba682'),
    ]);
    expect(s.shm_exhausted).toMatchObject({
      count: 2,
      taskIds: ['7f09cc8c-eb58-11f1-aa19-b6fb5418d732', '7f09ea28-eb58-11f1-8138-b6fb5418d732'],
    });
  });

  it('counts Bus error and No space left on device under /dev/shm', () => {
    const s = scan([
      "OSError: [Errno 28] No space left on device: '/dev/shm/psm_1c2f'",
      'Bus error (core dumped)',
      compose('Bus error (core dumped)'),
    ]);
    expect(s.shm_exhausted.count).toBe(3);
  });
  it('does not count a full disk elsewhere', () => {
    expect(
      scan(["OSError: [Errno 28] No space left on device: '/app/result/1.mp4'"]).shm_exhausted
        .count,
    ).toBe(0);
  });
});

describe('stall', () => {
  const loop = (time: string, task: string) => heygem(time, task, '开始循环');
  it('flags a task that logged 开始循环 and then nothing for minutes', () => {
    const s = scan([
      loop('2025-03-23 10:00:00', '1001'),
      heygem('2025-03-23 10:00:05', '1001', 'batch 1/20'),
      heygem('2025-03-23 10:09:00', null, '>>> 心跳'),
    ]);
    expect(s.stall).toEqual({
      count: 1,
      taskIds: ['1001'],
      first: '2025-03-23 10:00:05',
      last: '2025-03-23 10:00:05',
    });
  });

  it('does not flag a task that finished or failed, nor one silent for less than the threshold', () => {
    const s = scan([
      loop('2025-03-23 10:00:00', '1'),
      heygem('2025-03-23 10:01:00', null, '>>> 任务:1 耗时:60.1 ', 'INFO', 'run.py[line:147]'),
      loop('2025-03-23 10:02:00', '2'),
      heygem('2025-03-23 10:03:00', '2', QUEUE_FULL_MSG, 'ERROR'),
      loop('2025-03-23 10:20:00', '3'),
      heygem('2025-03-23 10:22:00', null, 'other work'),
    ]);
    expect(s.stall.count).toBe(0);
  });

  it('judges against a given clock for live logs', () => {
    const scanner = new SignatureScanner();
    scanner.feed(loop('2025-03-23 10:00:00', UUID));
    expect(scanner.summary('2025-03-23 10:01:00').stall.count).toBe(0);
    expect(scanner.summary('2025-03-23 10:06:00').stall).toMatchObject({
      count: 1,
      taskIds: [UUID],
    });
    scanner.feed(heygem('2025-03-23 10:06:30', UUID, '任务执行成功'));
    expect(scanner.summary('2025-03-23 10:30:00').stall.count).toBe(0);
  });
});

describe('stall, as HeyGem prints it', () => {
  // The loop start and its progress are bare prints without task or time, right after the task's own log line.
  const start = (task: string, time: string) => [
    heygem(time, task, '任务视频驱动队列启动 batch_size:4, len:250'),
    'drivered_video >>>>>>>>>>>>>>>>>>>> 开始循环',
  ];
  const progress = 'drivered_video >>>>>>>>>>>>>>>>>>>> 发送数据大小:[4], current_idx:8';

  it('attributes bare loop lines to the task logged before them, timed by when they were read', () => {
    const scanner = new SignatureScanner();
    for (const l of start('1004', '2025-03-23 10:00:00')) scanner.feed(l, '2025-03-23 10:00:02');
    scanner.feed(progress, '2025-03-23 10:00:17');
    expect(scanner.summary('2025-03-23 10:04:00').stall.count).toBe(0);
    expect(scanner.summary('2025-03-23 10:05:30').stall).toMatchObject({
      count: 1,
      taskIds: ['1004'],
      first: '2025-03-23 10:00:17',
    });
    scanner.feed(progress, '2025-03-23 10:05:45'); // it moved again
    expect(scanner.summary('2025-03-23 10:06:00').stall.count).toBe(0);
  });

  it('in a saved log, bare lines take the time of the last timed line', () => {
    const s = scan([
      ...start('7', '2025-03-23 10:00:00'),
      progress,
      heygem('2025-03-23 10:30:00', null, '>>> 数字人图片处理进程启动'),
    ]);
    expect(s.stall).toMatchObject({ count: 1, taskIds: ['7'], first: '2025-03-23 10:00:00' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseLine } from '@/lib/logs/line-shape';
import { QUEUE_FULL_MSG, UUID, bare, compose, heygem, ORT_FALLBACK_WARNING } from './real-lines';

describe('log line shapes', () => {
  it('reads a bracketed HeyGem line: time, level, task id, message', () => {
    const p = parseLine(heygem('2025-03-23 23:13:34', '1002', QUEUE_FULL_MSG, 'ERROR'));
    expect(p).toMatchObject({
      shape: 'heygem',
      time: '2025-03-23 23:13:34',
      level: 'ERROR',
      taskId: '1002',
      message: `[1002]${QUEUE_FULL_MSG}`,
      service: null,
    });
  });

  it('reads UUID task ids and `任务:<id>` task ids', () => {
    expect(parseLine(heygem('2025-03-23 23:13:34', UUID, QUEUE_FULL_MSG)).taskId).toBe(UUID);
    expect(
      parseLine(
        '[2025-03-19 22:37:14] [run.py[line:147]] [INFO] [>>> 任务:1004 耗时:10.35848355293274 ]',
      ).taskId,
    ).toBe('1004');
  });

  it('strips the docker compose prefix (time first, or service first with --timestamps) and keeps the inner line', () => {
    const inner = heygem('2025-03-23 23:13:34', '1003', QUEUE_FULL_MSG, 'ERROR');
    const a = parseLine(compose(inner, 'starpainting-digital-human-service-1'));
    expect(a).toMatchObject({
      shape: 'heygem',
      service: 'starpainting-digital-human-service-1',
      taskId: '1003',
      time: '2025-03-23 23:13:34',
    });
    const b = parseLine(
      `digital-human-service-1  | 2025-03-23T23:13:40.000000000Z ${bare('77', QUEUE_FULL_MSG)}`,
    );
    expect(b).toMatchObject({
      shape: 'bare',
      service: 'digital-human-service-1',
      taskId: '77',
      time: '2025-03-23 23:13:40',
    });
  });

  it('reads a bare `[<task id>]<message>` line, which carries no time', () => {
    expect(parseLine(bare(UUID, QUEUE_FULL_MSG))).toMatchObject({
      shape: 'bare',
      taskId: UUID,
      time: null,
    });
  });

  it('takes task ids that are short codes, in both the bracketed and the bare shape, but never a log level', () => {
    expect(parseLine(heygem('2025-03-23 23:13:34', 'abc', QUEUE_FULL_MSG, 'ERROR'))).toMatchObject({
      shape: 'heygem',
      taskId: 'abc',
    });
    expect(parseLine(bare('abc', QUEUE_FULL_MSG))).toMatchObject({ shape: 'bare', taskId: 'abc' });
    expect(parseLine(bare('job_7-b', QUEUE_FULL_MSG))).toMatchObject({
      shape: 'bare',
      taskId: 'job_7-b',
    });
    expect(parseLine(`[INFO] ${QUEUE_FULL_MSG}`)).toMatchObject({ shape: 'plain', taskId: null });
    expect(parseLine('[line:108] x').taskId).toBeNull();
  });

  it('drops a CRLF line ending', () => {
    const p = parseLine(`${heygem('2025-03-23 23:13:34', '9', QUEUE_FULL_MSG)}\r`);
    expect(p.message.endsWith('\r')).toBe(false);
    expect(p.taskId).toBe('9');
  });

  it('reads ONNX Runtime log lines with their own timestamp', () => {
    expect(parseLine(ORT_FALLBACK_WARNING)).toMatchObject({
      shape: 'ort',
      level: 'WARNING',
      time: '2025-03-23 23:10:01',
      taskId: null,
    });
  });

  it('leaves traceback lines and other output as plain text', () => {
    expect(
      parseLine('  File "trans_dh_service.py", line 1257, in trans_dh_service.TransDhTask.work')
        .shape,
    ).toBe('plain');
    expect(parseLine('Traceback (most recent call last):').shape).toBe('plain');
    expect(parseLine(' 50%|█████     | 5/10 [00:01<00:01]').shape).toBe('plain');
  });
});

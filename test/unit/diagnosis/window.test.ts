// Health is about now: log events count toward a container's state only from its service's start (at most N minutes
// back); older ones are history, shown and never raising the state. Times are read in the container's zone.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/diagnosis/diagnose';
import { evidenceWindow } from '@/lib/diagnosis/events';
import { unknownFacts, type ContainerFacts } from '@/lib/diagnosis/facts';
import { renderText as renderMessage } from '@/lib/i18n/text';
import { LogWatch } from '@/lib/probes/log-watch';
import type { ProbeLogChunk } from '@/lib/probes/types';
import { QUEUE_FULL_MSG, heygem } from './real-lines';

const CST = 8 * 3600; // the lab's containers (and most HeyGem hosts) write local time in UTC+8
const MiB = 1024 * 1024;
const fixed: ContainerFacts = {
  ...unknownFacts(),
  ortVersion: '1.16.0',
  sessionProviders: ['CUDAExecutionProvider', 'CPUExecutionProvider'],
  cudaMajors: [11],
  cudnnMajors: [8],
  shmBytes: 2048 * MiB,
  gpuAvailable: true,
  gpuUtilPct: 60,
  batchSize: 1,
  hookInstalled: true,
  sessionOptionsApplied: true,
  serviceRunning: true,
  serviceUptimeS: 30,
  port: 7860,
  portAnswers: true,
  queueSize: 0,
};

function chunk(
  path: string,
  text: string,
  kind: ProbeLogChunk['kind'] = 'new',
  from = 0,
): ProbeLogChunk {
  const data = Buffer.from(text);
  const head = data.subarray(0, 256);
  return {
    path,
    ino: '1:2',
    size: from + data.length,
    kind,
    from,
    data: data.toString('base64'),
    headLen: head.length,
    headHash: createHash('sha1').update(head).digest('hex'),
  };
}

const ms = (utc: string) => Date.parse(utc);
/** A watch that has read a blocking episode at 00:01 local (16:01 UTC) and a Bus error with no time of its own. */
function watchWithEpisode(): LogWatch {
  const w = new LogWatch();
  w.setClock(CST);
  const lines = [
    heygem('2026-12-03 00:01:39', '1001', '任务视频驱动队列启动'),
    heygem('2026-12-03 00:01:41', '1001', QUEUE_FULL_MSG, 'ERROR'),
    heygem('2026-12-03 00:01:42', '1002', QUEUE_FULL_MSG, 'ERROR'),
    'Bus error (core dumped)',
  ];
  w.accept(chunk('/tmp/gradio.log', `${lines.join('\n')}\n`));
  return w;
}

describe('the health window', () => {
  it('is the service process since its start when that is shorter than N minutes, else the last N minutes', () => {
    const now = ms('2026-12-02T17:00:00Z');
    expect(evidenceWindow(now, 30, now - 5 * 60_000 + 400)).toMatchObject({
      fromMs: now - 5 * 60_000 - 1000,
      basis: 'service_start',
    });
    expect(evidenceWindow(now, 30, now - 90 * 60_000)).toMatchObject({
      fromMs: now - 30 * 60_000,
      basis: 'minutes',
    });
    expect(evidenceWindow(now, 30, null)).toMatchObject({
      fromMs: now - 30 * 60_000,
      basis: 'minutes',
      serviceStartMs: null,
    });
  });

  it('counts what the service logged in the second it started (log times have whole seconds)', () => {
    const w = new LogWatch();
    w.setClock(CST);
    w.accept(
      chunk(
        '/tmp/gradio.log',
        `${heygem('2026-12-03 00:20:00', null, 'Failed to create CUDAExecutionProvider', 'WARNING')}\n`,
      ),
    );
    const window = evidenceWindow(ms('2026-12-02T16:21:00Z'), 30, ms('2026-12-02T16:20:00Z') + 700);
    expect(w.summarize(window).current.cuda_provider_fallback.count).toBe(1);
  });

  it('makes a fixed container whose service restarted after the episode healthy, the episode history', () => {
    const w = watchWithEpisode();
    // The runbook restarted the service at 16:20 UTC (00:20 local); the probe runs at 16:21.
    const window = evidenceWindow(ms('2026-12-02T16:21:00Z'), 30, ms('2026-12-02T16:20:00Z'));
    const { current, history } = w.summarize(window, '2026-12-03 00:21:00');
    expect(current.queue_full.count).toBe(0);
    expect(history.queue_full).toMatchObject({
      count: 2,
      taskIds: ['1001', '1002'],
      firstAt: ms('2026-12-02T16:01:41Z'),
      lastAt: ms('2026-12-02T16:01:42Z'),
    });
    // The undated Bus error of a first read takes the time written before it, not the time of the read.
    expect(history.shm_exhausted).toMatchObject({ count: 1, lastAt: ms('2026-12-02T16:01:42Z') });
    const d = diagnose(current, fixed, { window, history });
    expect(d.health).toBe('healthy');
    expect(d.findings.map((f) => f.id)).toEqual(['healthy', 'history']);
    const h = d.findings.find((f) => f.id === 'history')!;
    expect(renderMessage(h.title, 'en')).toBe(
      "Before the service's last restart (history, not counted in today's health)",
    );
    const utc = (at: number) => new Date(at).toISOString().slice(11, 19);
    const evidence = h.evidence.map((e) => renderMessage(e, 'en', utc));
    expect(evidence).toContain(
      'Video-driving queue full: 2 events (16:01:41 to 16:01:42), tasks 1001, 1002',
    );
  });

  it('keeps a container blocking while its events are inside the window, and says over which window', () => {
    const w = watchWithEpisode();
    const window = evidenceWindow(ms('2026-12-02T16:05:00Z'), 30, ms('2026-12-02T16:00:00Z'));
    const { current, history } = w.summarize(window, '2026-12-03 00:05:00');
    expect(current.queue_full.count).toBe(2);
    const d = diagnose(
      current,
      { ...fixed, ortVersion: '1.18.0', sessionProviders: ['CPUExecutionProvider'] },
      { window, history },
    );
    expect(d.health).toBe('blocking');
    const top = d.findings[0]!;
    expect(top.id).toBe('queue_blocking');
    const inZone = (at: number, lang: string) =>
      `${new Date(at + CST * 1000).toISOString().slice(11, 19)} ${lang === 'zh-CN' ? '北京时间' : 'CST'}`;
    expect(renderMessage(top.evidence[0]!, 'en', inZone)).toBe(
      'Video-driving queue full: 2 events since the service started (23:59:59 CST) (00:01:41 CST to 00:01:42 CST), tasks 1001, 1002',
    );
    expect(renderMessage(top.evidence[0]!, 'zh-CN', inZone)).toContain(
      '视频驱动队列满：自服务启动（23:59:59 北京时间）以来2 次',
    );
  });

  it('counts only the last N minutes for a service that has run longer', () => {
    const w = watchWithEpisode();
    const window = evidenceWindow(ms('2026-12-02T17:00:00Z'), 30, ms('2026-12-02T12:00:00Z'));
    const { current, history } = w.summarize(window);
    expect(current.queue_full.count).toBe(0);
    expect(history.queue_full.count).toBe(2);
    const d = diagnose(current, fixed, { window, history });
    expect(renderMessage(d.findings.find((f) => f.id === 'history')!.title, 'en')).toBe(
      "Before the window (in the last 30 min): history, not counted in today's health",
    );
  });

  it('dates undated lines of a later read by the read, so a fresh Bus error counts now', () => {
    const w = watchWithEpisode();
    w.accept(
      chunk('/tmp/gradio.log', 'Bus error (core dumped)\n', 'continue', 1000),
      '2026-12-03 00:30:00',
    );
    const window = evidenceWindow(ms('2026-12-02T16:30:05Z'), 30, ms('2026-12-02T16:20:00Z'));
    const { current, history } = w.summarize(window);
    expect(current.shm_exhausted).toMatchObject({ count: 1, firstAt: ms('2026-12-02T16:30:00Z') });
    expect(history.shm_exhausted.count).toBe(1);
  });

  it("without the container clock, events have no moment: history, never today's state", () => {
    const w = new LogWatch();
    w.accept(
      chunk(
        '/tmp/gradio.log',
        `${heygem('2026-12-03 00:01:41', '1001', QUEUE_FULL_MSG, 'ERROR')}\n`,
      ),
    );
    const { current, history } = w.summarize(evidenceWindow(Date.now(), 30, null));
    expect(current.queue_full.count).toBe(0);
    expect(history.queue_full).toMatchObject({
      count: 1,
      firstAt: null,
      first: '2026-12-03 00:01:41',
    });
  });

  it('holds a stalled task as current while the process it ran in runs, and as history once it restarted', () => {
    const w = new LogWatch();
    w.setClock(CST);
    w.accept(
      chunk(
        '/tmp/gradio.log',
        `${heygem('2026-12-03 00:01:00', '77', '任务视频驱动队列启动')}\n开始循环\n`,
      ),
    );
    const now = '2026-12-03 01:00:00';
    const running = evidenceWindow(ms('2026-12-02T17:00:00Z'), 30, ms('2026-12-02T15:00:00Z'));
    expect(w.summarize(running, now).current.stall).toMatchObject({ count: 1, taskIds: ['77'] });
    const restarted = evidenceWindow(ms('2026-12-02T17:00:00Z'), 30, ms('2026-12-02T16:50:00Z'));
    expect(w.summarize(restarted, now).current.stall.count).toBe(0);
    expect(w.summarize(restarted, now).history.stall.count).toBe(1);
  });
});

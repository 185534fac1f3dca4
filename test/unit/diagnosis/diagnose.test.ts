import { describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/diagnosis/diagnose';
import { buildsOf, checkOrtCompat, compareVersions } from '@/lib/diagnosis/compat';
import { unknownFacts, type ContainerFacts } from '@/lib/diagnosis/facts';
import { renderText, type Text } from '@/lib/i18n/text';
import { scanLogText } from '@/lib/diagnosis/scan-log';
import { QUEUE_FULL_MSG, heygem, ORT_FALLBACK_WARNING } from './real-lines';

const MiB = 1024 * 1024;
const broken: ContainerFacts = {
  ...unknownFacts(),
  ortVersion: '1.18.0',
  availableProviders: ['CUDAExecutionProvider', 'CPUExecutionProvider'],
  sessionProviders: ['CPUExecutionProvider'],
  cudaMajors: [11],
  cudnnMajors: [8],
  shmBytes: 64 * MiB,
  gpuAvailable: true,
  gpuUtilPct: 0,
  batchSize: 4,
  env: { ORT_PARALLEL: null, OMP_WAIT_POLICY: null },
  hookInstalled: false,
  serviceRunning: true,
  serviceUptimeS: 3600,
  port: 7860,
  portAnswers: true,
  queueSize: 3,
};
const healthy: ContainerFacts = {
  ...broken,
  ortVersion: '1.16.0',
  sessionProviders: ['CUDAExecutionProvider', 'CPUExecutionProvider'],
  shmBytes: 2048 * MiB,
  gpuUtilPct: 87,
  batchSize: 1,
  hookInstalled: true,
  queueSize: 0,
};
const hits = (n: number) =>
  scanLogText(
    Array.from({ length: n }, (_, i) =>
      heygem(
        `2025-03-23 23:${String(10 + i).padStart(2, '0')}:00`,
        String(1000 + i),
        QUEUE_FULL_MSG,
        'ERROR',
      ),
    ).join('\n'),
  ).summary;
const text = (refs: Text[], lang: 'zh-CN' | 'en' = 'en') =>
  refs.map((r) => renderText(r, lang)).join('\n');

describe('diagnosis', () => {
  it('ranks queue blocking first, with its evidence and the remedies with an effect on it, in procedure order', () => {
    const d = diagnose(hits(7), broken);
    expect(d.health).toBe('blocking');
    const [top] = d.findings;
    expect(top!.id).toBe('queue_blocking');
    // ORT_PARALLEL / OMP_* have no known effect: never offered as a fix (the note below says so).
    expect(top!.remedies).toEqual(['pin-ort', 'session-options', 'shm', 'batch-size', 'restart']);
    expect(top!.remedyParams['pin-ort']).toEqual({ version: '1.16.0' });
    const ev = text(top!.evidence);
    expect(ev).toContain(
      'Video-driving queue full: 7 events in this log (2025-03-23 23:10:00 to 2025-03-23 23:16:00), tasks 1000, 1001, 1002, 1003, 1004 (+2)',
    );
    expect(ev).toContain('ORT 1.18.0: a session asked for CUDA really uses CPUExecutionProvider');
    expect(ev).toContain('GPU utilisation for this container 0 %');
    expect(ev).toContain('/dev/shm is 64 MiB');
    expect(ev).toContain('[digital] batch_size = 4');
    expect(d.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['cpu_fallback', 'shm_small', 'ort_env_note']),
    );
  });

  it('says get_available_providers() is not proof that CUDA loads', () => {
    const f = diagnose(hits(0), broken).findings.find((x) => x.id === 'cpu_fallback')!;
    expect(text(f.evidence)).toContain('get_available_providers() still lists CUDA');
    expect(f.remedies).toEqual(['pin-ort', 'restart']);
  });

  it('states that ORT_PARALLEL / OMP_* have no effect on ONNX Runtime, in both languages', () => {
    const set = { ...healthy, env: { ORT_PARALLEL: '0', OMP_WAIT_POLICY: 'ACTIVE' } };
    const note = diagnose(hits(0), set).findings.find((x) => x.id === 'ort_env_note')!;
    expect(text(note.evidence)).toContain('ORT_PARALLEL is not an environment variable');
    expect(text(note.evidence, 'zh-CN')).toContain('ORT_PARALLEL 不是环境变量');
    expect(note.remedies).toEqual([]);
  });

  it('says a healthy container is healthy', () => {
    const d = diagnose(hits(0), healthy);
    expect(d.health).toBe('healthy');
    expect(d.findings.map((f) => f.id)).toEqual(['healthy']);
    expect(renderText(d.findings[0]!.title, 'zh-CN')).toBe('健康：未发现问题');
  });

  it('judges from the logs alone when there is no probe (offline files)', () => {
    const summary = scanLogText(`${ORT_FALLBACK_WARNING}\n`).summary;
    const d = diagnose(summary, null);
    expect(d.findings[0]!.id).toBe('cpu_fallback');
    expect(diagnose(hits(0), null).health).toBe('healthy');
  });

  it('reports a service that is not running above everything else', () => {
    const d = diagnose(hits(2), { ...broken, serviceRunning: false, portAnswers: false });
    expect(d.findings[0]!.id).toBe('service_down');
    expect(d.findings[0]!.remedies).toEqual(['restart']);
  });
});

describe('ORT / CUDA / cuDNN compatibility table', () => {
  it('knows 1.16.0 fits CUDA 11 + cuDNN 8 and 1.19+ does not', () => {
    expect(checkOrtCompat('1.16.0', [11], [8]).verdict).toBe('match');
    expect(checkOrtCompat('1.20.1', [11], [8]).verdict).toBe('feed_build_only');
    expect(checkOrtCompat('1.19.0', [12], [8]).verdict).toBe('mismatch');
    expect(checkOrtCompat('1.19.0', [12], [9]).verdict).toBe('match');
    expect(checkOrtCompat('1.16.0', [], []).verdict).toBe('unknown');
    expect(checkOrtCompat('1.18.0', [11], [8]).recommended).toBe('1.16.0');
  });
});

describe('version order (PEP 440, as pip sorts)', () => {
  it('puts pre-releases before, and post-releases after, their release; the table picks the row of the real release', () => {
    expect(compareVersions('1.18.1rc1', '1.18.1')).toBeLessThan(0);
    expect(compareVersions('1.18.1.dev0', '1.18.1rc1')).toBeLessThan(0);
    expect(compareVersions('1.18.1.post1', '1.18.1')).toBeGreaterThan(0);
    expect(compareVersions('1.16', '1.16.0')).toBe(0);
    expect(compareVersions('1.9.0', '1.10.0')).toBeLessThan(0);
    // 1.18.1rc1 comes before 1.18.1: its CUDA 12 build is the cuDNN 8 one, not the cuDNN 9 one of 1.18.1.
    expect(
      buildsOf('1.18.1rc1')
        .filter((b) => b.cudaMajor === 12)
        .map((b) => b.cudnnMajor),
    ).toEqual([8]);
    expect(
      buildsOf('1.18.1')
        .filter((b) => b.cudaMajor === 12)
        .map((b) => b.cudnnMajor),
    ).toEqual([9]);
  });
});

describe('the build an installed package declares', () => {
  it('decides over the table: a CUDA 12 / cuDNN 9 build of 1.18.0 cannot load CUDA 11 / cuDNN 8', () => {
    expect(checkOrtCompat('1.18.0', [11], [8], { cudaMajor: 12, cudnnMajor: 9 }).verdict).toBe(
      'mismatch',
    );
    expect(checkOrtCompat('1.16.0', [11], [8], { cudaMajor: 11, cudnnMajor: 8 }).verdict).toBe(
      'match',
    );
    const f = diagnose(hits(0), {
      ...broken,
      ortBuild: { cudaMajor: 12, cudnnMajor: 9 },
    }).findings.find((x) => x.id === 'cpu_fallback')!;
    expect(text(f.evidence)).toContain(
      'ORT 1.18.0 builds need CUDA 12 + cuDNN 9; the container has CUDA 11 / cuDNN 8',
    );
  });
});

describe('the CPU-only onnxruntime package', () => {
  it('is reported, critical when sessions run on the CPU', () => {
    const facts = {
      ...broken,
      ortPackages: { 'onnxruntime-gpu': '1.18.0', onnxruntime: '1.18.0' },
    };
    const f = diagnose(hits(0), facts).findings.find((x) => x.id === 'ort_cpu_package')!;
    expect(f.severity).toBe('critical');
    expect(text(f.evidence)).toContain('Installed: onnxruntime-gpu 1.18.0, onnxruntime 1.18.0');
    expect(
      diagnose(hits(0), { ...healthy, ortPackages: { 'onnxruntime-gpu': '1.16.0' } }).health,
    ).toBe('healthy');
  });
});

describe('changes the running service has not loaded', () => {
  it('asks for a restart and names them', () => {
    const d = diagnose(hits(0), { ...healthy, restartPending: ['onnxruntime-gpu', 'config.ini'] });
    expect(d.health).toBe('degraded');
    const f = d.findings[0]!;
    expect(f.id).toBe('restart_pending');
    expect(f.remedies).toEqual(['restart']);
    expect(text(f.evidence)).toBe('Changed after the service started: onnxruntime-gpu, config.ini');
  });
});

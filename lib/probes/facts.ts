// Flattens one round of probe output into the facts the diagnosis rules read.
import type { ContainerFacts } from '@/lib/diagnosis/facts';
import { ok, type ContainerGpu, type ContainerProbeOutput, type SessionOptionsSeen } from './types';
import type { ContainerDetails } from './transport';

const major = (v: string | null | undefined): number | null => {
  const n = v ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

export function factsFromProbe(
  probe: ContainerProbeOutput | null,
  details: ContainerDetails | null,
  gpu: ContainerGpu | null,
): ContainerFacts {
  const ort = ok(probe?.ort);
  const session = ort?.session ?? null;
  const libs = ok(probe?.cudaLibs);
  const shm = ok(probe?.shm);
  const service = ok(probe?.service);
  const web = ok(probe?.web);
  const config = ok(probe?.config);
  const hook = ok(probe?.hook);
  const env = service?.running ? (service.env ?? {}) : null;
  return {
    ortVersion: ort ? (ort.packages['onnxruntime-gpu'] ?? ort.moduleVersion ?? null) : null,
    ortPackages: ort?.packages ?? null,
    ortBuild:
      ort && (ort.buildCuda || ort.buildCudnn)
        ? { cudaMajor: major(ort.buildCuda), cudnnMajor: major(ort.buildCudnn) }
        : null,
    availableProviders: ort?.availableProviders ?? null,
    sessionProviders: session && !session.error ? session.providers : null,
    sessionError: session?.error ?? ort?.importError ?? null,
    cudaMajors: libs?.cudaMajors ?? [],
    cudnnMajors: libs?.cudnnMajors ?? [],
    shmBytes: shm?.sizeBytes ?? details?.shmSizeBytes ?? null,
    gpuAvailable: gpu ? gpu.available : null,
    gpuUtilPct: gpu?.utilPct ?? null,
    batchSize: config?.batchSize ?? null,
    env:
      env && !('error' in env)
        ? { ORT_PARALLEL: env.ORT_PARALLEL ?? null, OMP_WAIT_POLICY: env.OMP_WAIT_POLICY ?? null }
        : null,
    hookInstalled: hook ? hook.installed : null,
    sessionOptionsApplied: session?.options ? optionsApplied(session.options) : null,
    serviceRunning: service ? service.running : null,
    restartPending: pendingSinceStart(service?.startedAt ?? null, [
      ['onnxruntime-gpu', ort?.installedAt],
      ['config.ini', config?.mtime],
      ['app.py', config?.appPyMtime],
      [
        'session-options hook',
        hook?.installed && !hook.loadedByService ? Number.MAX_SAFE_INTEGER : null,
      ],
    ]),
    serviceUptimeS: service?.uptimeS ?? null,
    port: web?.port ?? null,
    portAnswers: web ? web.answers : null,
    queueSize: web?.queueSize ?? null,
  };
}

function pendingSinceStart(
  startedAt: number | null,
  changed: [string, number | null | undefined][],
): string[] {
  if (startedAt === null) return [];
  // Whole-second mtimes: a change within a second of the start is not told apart from one just before it.
  return changed
    .filter(([, at]) => typeof at === 'number' && at > startedAt + 1)
    .map(([what]) => what);
}

// Step 3 of the procedure: one intra-op and one inter-op thread, sequential execution.
function optionsApplied(o: SessionOptionsSeen): boolean {
  return (
    o.intraOpNumThreads === 1 && o.interOpNumThreads === 1 && o.executionMode === 'ORT_SEQUENTIAL'
  );
}

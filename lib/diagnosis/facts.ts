// What the diagnosis knows about one container, flattened from the probes (lib/probes) so the rules stay pure and
// testable. `null` always means "not measured", never "false" or "zero".
export interface ContainerFacts {
  ortVersion: string | null;
  /** Installed ONNX Runtime distributions by name (`onnxruntime-gpu`, and the CPU-only `onnxruntime`). */
  ortPackages: Record<string, string> | null;
  /** CUDA / cuDNN majors the installed package says it was built for. */
  ortBuild: { cudaMajor: number | null; cudnnMajor: number | null } | null;
  availableProviders: string[] | null;
  /** Providers a real session got when asked for CUDA then CPU: the only trustworthy answer. */
  sessionProviders: string[] | null;
  sessionError: string | null;
  cudaMajors: number[];
  cudnnMajors: number[];
  /** /dev/shm size inside the container (or HostConfig.ShmSize when the former is unknown). */
  shmBytes: number | null;
  /** false when the host has no nvidia-smi: "no GPU data", not an error. */
  gpuAvailable: boolean | null;
  /** Utilisation of the GPUs this container's processes use; 0 when it has no GPU process. */
  gpuUtilPct: number | null;
  batchSize: number | null;
  env: { ORT_PARALLEL: string | null; OMP_WAIT_POLICY: string | null } | null;
  hookInstalled: boolean | null;
  /** A session made without options gets the procedure's options (single-threaded, sequential): some hook works. */
  sessionOptionsApplied: boolean | null;
  serviceRunning: boolean | null;
  /** What changed on disk after the service process started, so it does not use it yet (ort, hook, config, app.py). */
  restartPending: string[];
  serviceUptimeS: number | null;
  port: number | null;
  portAnswers: boolean | null;
  queueSize: number | null;
}

export function unknownFacts(): ContainerFacts {
  return {
    ortVersion: null,
    ortPackages: null,
    ortBuild: null,
    availableProviders: null,
    sessionProviders: null,
    sessionError: null,
    cudaMajors: [],
    cudnnMajors: [],
    shmBytes: null,
    gpuAvailable: null,
    gpuUtilPct: null,
    batchSize: null,
    env: null,
    hookInstalled: null,
    sessionOptionsApplied: null,
    serviceRunning: null,
    restartPending: [],
    serviceUptimeS: null,
    port: null,
    portAnswers: null,
    queueSize: null,
  };
}

export const CUDA_PROVIDER = 'CUDAExecutionProvider';
/** Below this, /dev/shm is "small": Docker's default is 64 MB, the procedure gives 2 GB. */
export const SHM_MIN_BYTES = 1024 ** 3;
export const SHM_ADVISED = '2 GiB';

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

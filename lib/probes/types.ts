// The JSON printed by container-probe.py. Any section may instead be `{error}` when that part failed.
export type Section<T> = T | { error: string };

export function ok<T extends object>(s: Section<T> | undefined | null): T | null {
  return s && !('error' in s && Object.keys(s).length === 1) ? (s as T) : null;
}

export interface ProbeService {
  running: boolean;
  pid?: number;
  uptimeS?: number;
  startedAt?: number;
  cmdline?: string[];
  cwd?: string;
  env?: Record<string, string>;
}

export interface ProbeWeb {
  port: number;
  answers: boolean;
  status: number | null;
  queueSize: number | null;
  error?: string;
}

/** What a session created without options reports: the defaults, or what a start-up hook set. */
export interface SessionOptionsSeen {
  intraOpNumThreads: number;
  interOpNumThreads: number;
  executionMode: string;
  cuda: Record<string, string>;
}

export interface ProbeOrt {
  version: string | null;
  packages: Record<string, string>;
  buildCuda: string | null;
  buildCudnn: string | null;
  availableProviders: string[] | null;
  session: {
    requested: string[];
    providers: string[] | null;
    options: SessionOptionsSeen | null;
    error: string | null;
    log: string[];
  } | null;
  importError?: string;
  location?: string;
  moduleVersion?: string | null;
  /** When the installed distribution was written (Unix seconds). */
  installedAt?: number | null;
}

export interface ProbeLogChunk {
  path: string;
  ino: string;
  size: number;
  kind: 'new' | 'continue' | 'rotated';
  from: number;
  data: string;
  headLen: number;
  headHash: string | null;
}

export interface ContainerProbeOutput {
  probe: 1;
  nowLocal: string;
  /** The container's time zone: log times are written in it. Absent from older probes. */
  tz?: { offsetS: number; name: string };
  python: string;
  appDir: string;
  service: Section<ProbeService>;
  web: Section<ProbeWeb>;
  ort: Section<ProbeOrt>;
  cudaLibs: Section<{ files: string[]; cudaMajors: number[]; cudnnMajors: number[] }>;
  shm: Section<{ sizeBytes: number; usedBytes: number }>;
  config: Section<{
    path: string;
    batchSize: number | null;
    raw: string | null;
    mtime: number;
    appPyMtime: number;
  }>;
  hook: Section<{
    installed: boolean;
    module: string | null;
    pth: string | null;
    loadedByService: boolean;
  }>;
  logs: Section<ProbeLogChunk | { path: string; error: string }>[];
}

export interface GpuDevice {
  index: number;
  uuid: string | null;
  name: string;
  utilPct: number | null;
  memUsedMiB: number | null;
  memTotalMiB: number | null;
}

export interface GpuProcess {
  pid: number;
  usedMiB: number | null;
  gpuUuid: string | null;
  /** Full 64-hex id of the container the process runs in, from /proc/<pid>/cgroup; null when not in one. */
  containerId: string | null;
}

export type HostGpu =
  | { available: false; reason: string }
  | { available: true; devices: GpuDevice[]; processes: GpuProcess[] };

/** What this container gets of the host's GPUs. */
export interface ContainerGpu {
  available: boolean;
  /** Utilisation of the GPUs its processes are on (max); 0 when it has none; null when not attributable. */
  utilPct: number | null;
  memUsedMiB: number;
  pids: number[];
}

// Compose-managed containers: their labels name the project, the service and the compose file(s) on the host.
// The lasting shm fix lives in that file (`shm_size`), so the probe reports what the file says today.
import type { ProbeTransport } from './transport';

export interface ComposeInfo {
  project: string;
  service: string | null;
  configFiles: string[];
  /** `shm_size` of this service in the first compose file that has the service; null when not set there. */
  shmSizeInFile: string | null;
  error?: string;
}

const SAFE_PATH = /^\/(?!.*(?:^|\/)\.\.(?:\/|$))[^\0\n\r]*$/;

export function composeLabels(
  labels: Record<string, string>,
): Omit<ComposeInfo, 'shmSizeInFile'> | null {
  const project = labels['com.docker.compose.project'];
  if (!project) return null;
  const files = (labels['com.docker.compose.project.config_files'] ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return { project, service: labels['com.docker.compose.service'] ?? null, configFiles: files };
}

/** Finds `shm_size` under `services: <service>:` by indentation; enough for the files Compose users write. */
export function shmSizeOf(yaml: string, service: string): string | null {
  const lines = yaml.split(/\r?\n/);
  let inServices = false;
  let serviceIndent = -1;
  for (const line of lines) {
    if (/^\s*(#|$)/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      inServices = /^services:\s*$/.test(line);
      serviceIndent = -1;
      continue;
    }
    if (!inServices) continue;
    const key = /^\s*["']?([^"':]+)["']?:\s*(.*)$/.exec(line);
    if (serviceIndent === -1 || indent <= serviceIndent) {
      serviceIndent = key && key[1] === service ? indent : -1;
      continue;
    }
    if (key && key[1] === 'shm_size')
      return key[2]!.replace(/\s+#.*$/, '').replace(/^["']|["']$/g, '') || null;
  }
  return null;
}

export async function probeCompose(
  t: ProbeTransport,
  hostId: string,
  labels: Record<string, string>,
  timeoutMs: number,
): Promise<ComposeInfo | null> {
  const base = composeLabels(labels);
  if (!base) return null;
  const file = base.configFiles[0];
  if (!file || !base.service) return { ...base, shmSizeInFile: null };
  if (!SAFE_PATH.test(file))
    return {
      ...base,
      shmSizeInFile: null,
      error: `compose file path not read: ${JSON.stringify(file)}`,
    };
  const r = await t.execOnHost(hostId, ['cat', '--', file], { timeoutMs });
  if (r.code !== 0)
    return {
      ...base,
      shmSizeInFile: null,
      error: `cannot read ${file}: ${r.stderr.trim().slice(-200)}`,
    };
  return { ...base, shmSizeInFile: shmSizeOf(r.stdout, base.service) };
}

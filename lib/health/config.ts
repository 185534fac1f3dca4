import { remoteCallTimeoutMs, sshConnectTimeoutMs } from '@/lib/config';

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer between ${min} and ${max} (got '${raw}')`);
  return n;
}

/** How often each host is probed (CONSOLE_PROBE_INTERVAL_MS, default 15 s). */
export const probeIntervalMs = (): number =>
  intEnv('CONSOLE_PROBE_INTERVAL_MS', 15_000, 1_000, 3_600_000);

/**
 * One host's round may take the handshake plus a few calls (inspect, the in-container script, logs, nvidia-smi);
 * past this it is cut off and reported as failed, while its calls settle in the background.
 */
export const hostRoundTimeoutMs = (): number => sshConnectTimeoutMs() + 2 * remoteCallTimeoutMs();

/** Folding minutes into hours and pruning run at most this often (CONSOLE_HEALTH_COMPACT_MS, default 1 h). */
export const compactEveryMs = (): number =>
  intEnv('CONSOLE_HEALTH_COMPACT_MS', 3_600_000, 1_000, 86_400_000);

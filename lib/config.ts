import path from 'node:path';

// Every path and tunable the domain code reads from the environment, in one place so the server
// and the `dhc` CLI resolve the same data directory the same way.

export function dataDir(): string {
  const dir = process.env.CONSOLE_DATA_DIR?.trim();
  return path.resolve(dir && dir.length > 0 ? dir : 'data');
}

export function dbPath(): string {
  return path.join(dataDir(), 'console.db');
}

export function masterKeyPath(): string {
  return path.join(dataDir(), 'master.key');
}

/** Raw CONSOLE_SECRET (base64 or hex of 32 bytes), or undefined to use the key file. */
export function consoleSecret(): string | undefined {
  const s = process.env.CONSOLE_SECRET?.trim();
  return s && s.length > 0 ? s : undefined;
}

export function adminPasswordFromEnv(): string | undefined {
  const s = process.env.CONSOLE_ADMIN_PASSWORD;
  return s && s.length > 0 ? s : undefined;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max} (got '${raw}')`);
  }
  return n;
}

export const sessionTtlMs = (): number =>
  intFromEnv('CONSOLE_SESSION_TTL_MS', 12 * 3600_000, 60_000, 30 * 86400_000);

/** SSH handshake deadline: also how long an unreachable host takes to show as such. */
export const sshConnectTimeoutMs = (): number =>
  intFromEnv('CONSOLE_SSH_CONNECT_TIMEOUT_MS', 8_000, 500, 120_000);

/** Default deadline of one Docker API call or remote command. */
export const remoteCallTimeoutMs = (): number =>
  intFromEnv('CONSOLE_REMOTE_TIMEOUT_MS', 15_000, 500, 3_600_000);

/**
 * Log events count toward a container's health from its service's start, or within this many minutes, whichever is
 * shorter (CONSOLE_HEALTH_WINDOW_MIN, default 30); older ones are history.
 */
export const healthWindowMinutes = (): number =>
  intFromEnv('CONSOLE_HEALTH_WINDOW_MIN', 30, 1, 7 * 24 * 60);

/** A pooled SSH connection is replaced after this age (CONSOLE_SSH_MAX_AGE_MS, default 1 h); calls on it finish. */
export const sshMaxAgeMs = (): number =>
  intFromEnv('CONSOLE_SSH_MAX_AGE_MS', 3_600_000, 1_000, 7 * 86_400_000);

/**
 * How often the host key of a connection in use is checked again with a fresh handshake
 * (CONSOLE_SSH_HOSTKEY_RECHECK_MS, default 5 min): a key changed under a live connection stops all use of the host.
 */
export const sshHostKeyRecheckMs = (): number =>
  intFromEnv('CONSOLE_SSH_HOSTKEY_RECHECK_MS', 300_000, 1_000, 86_400_000);

/**
 * How long a host's fleet snapshot is shared by every reader (pages, tabs, scripts) before the next read refreshes it:
 * the Docker calls per host stay one list per interval however many clients poll. 0: share only reads in flight.
 */
export const fleetRefreshMs = (): number =>
  intFromEnv('CONSOLE_FLEET_REFRESH_MS', 2_000, 0, 60_000);

/** On SIGTERM/SIGINT: how long requests under way may finish before the process exits anyway. */
export const shutdownGraceMs = (): number =>
  intFromEnv('CONSOLE_SHUTDOWN_GRACE_MS', 3_000, 0, 60_000);

import { hostLabel } from './host-names';

export type RemoteErrorKind =
  | 'timeout'
  | 'unreachable'
  | 'hostkey_unknown'
  | 'hostkey_mismatch'
  | 'auth'
  | 'exit'
  | 'docker'
  | 'invalid'
  | 'cancelled'
  /** Refused at once: the host already has as many calls waiting as the console lets queue (retry later). */
  | 'busy';

/** Every failure of remote access, typed so pages and jobs can say what went wrong without parsing text. */
export class RemoteError extends Error {
  readonly host: string;
  readonly kind: RemoteErrorKind;
  readonly argv?: string[];
  readonly exitCode?: number;
  readonly stderrTail?: string;
  /** The host key fingerprint the host presented, for hostkey_unknown / hostkey_mismatch. */
  readonly seenFingerprint?: string;
  readonly pinnedFingerprint?: string;
  /** HTTP status of a failed Docker API call. */
  readonly statusCode?: number;
  /** For 'busy': when a retry has a fair chance (seconds); web answers carry it as Retry-After. */
  readonly retryAfterS?: number;
  /** The message without the leading host name, for places that already show the host. */
  readonly detail: string;

  constructor(
    kind: RemoteErrorKind,
    host: string,
    message: string,
    extra: {
      argv?: string[];
      exitCode?: number;
      stderrTail?: string;
      seenFingerprint?: string;
      pinnedFingerprint?: string;
      statusCode?: number;
      retryAfterS?: number;
      cause?: unknown;
    } = {},
  ) {
    super(`${host}: ${message}`, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'RemoteError';
    this.detail = message;
    this.kind = kind;
    this.host = host;
    this.argv = extra.argv;
    this.exitCode = extra.exitCode;
    this.stderrTail = extra.stderrTail;
    this.seenFingerprint = extra.seenFingerprint;
    this.pinnedFingerprint = extra.pinnedFingerprint;
    this.statusCode = extra.statusCode;
    this.retryAfterS = extra.retryAfterS;
  }
}

/** How long a refused caller is told to wait: long enough for a full queue to drain, short for a polling page. */
export const BUSY_RETRY_AFTER_S = 2;

export function busyError(host: string, what: string, queued: number): RemoteError {
  return new RemoteError(
    'busy',
    host,
    `too many ${what} waiting for this host (${queued}); retry in ${BUSY_RETRY_AFTER_S} s`,
    { retryAfterS: BUSY_RETRY_AFTER_S },
  );
}

export function tail(text: string, max = 2000): string {
  return text.length > max ? text.slice(text.length - max) : text;
}

/** Maps a dockerode / docker-modem failure (HTTP status, timeout) onto RemoteError, keeping RemoteErrors as they are. */
export function asDockerError(err: unknown, hostRef: string, what: string): RemoteError {
  if (err instanceof RemoteError) return err;
  const host = hostLabel(hostRef);
  const e = err as {
    statusCode?: number;
    message?: string;
    code?: string;
    json?: { message?: string };
  };
  if (e?.code === 'ECONNRESET' && /timeout/i.test(e.message ?? '')) {
    return new RemoteError('timeout', host, `${what}: Docker API call timed out`, { cause: err });
  }
  if (/timeout/i.test(e?.message ?? '') && !e?.statusCode) {
    return new RemoteError('timeout', host, `${what}: Docker API call timed out`, { cause: err });
  }
  const detail = e?.json?.message ?? e?.message ?? String(err);
  return new RemoteError('docker', host, `${what}: ${detail}`, {
    statusCode: e?.statusCode,
    cause: err,
  });
}

/**
 * Failures that say nothing about the command or the change itself: the host, its SSH connection or its Docker engine
 * did not answer (a Docker socket reset while the engine restarts included). Safe to try again until a deadline.
 */
export function isTransient(e: unknown): boolean {
  if (e instanceof RemoteError) {
    if (e.kind === 'unreachable' || e.kind === 'timeout' || e.kind === 'busy') return true;
    return e.kind === 'docker' && (e.statusCode === undefined || e.statusCode >= 500);
  }
  const x = e as { code?: string; message?: string; statusCode?: number } | null;
  if (!x || x.statusCode !== undefined) return false;
  return (
    ['ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(x.code ?? '') ||
    /socket hang up/i.test(x.message ?? '')
  );
}

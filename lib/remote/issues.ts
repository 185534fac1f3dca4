// What went wrong in a probe, as a named state the pages translate ("the container is not running", "the host key
// changed"), never as a raw exception text; the detail (host name, never its id) stays for the curious.
import { RemoteError } from '@/lib/remote/errors';

export const PROBE_ISSUE_KINDS = [
  'unreachable',
  'hostkey_changed',
  'hostkey_unknown',
  'auth',
  'docker_down',
  'container_gone',
  'container_stopped',
  'timeout',
  'failed',
] as const;
export type ProbeIssueKind = (typeof PROBE_ISSUE_KINDS)[number];

/** Which read failed: the host as a whole, or one of a container's reads. */
export type ProbePart =
  | 'host'
  | 'inspect'
  | 'probe'
  | 'container_log'
  | 'compose'
  | 'log_file'
  | 'log_view';

export interface ProbeIssue {
  part: ProbePart;
  kind: ProbeIssueKind;
  /** The underlying message, naming the host by its name; for a tooltip, not the headline. */
  detail: string;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

function kindOfRemote(e: RemoteError): ProbeIssueKind {
  switch (e.kind) {
    case 'hostkey_mismatch':
      return 'hostkey_changed';
    case 'hostkey_unknown':
      return 'hostkey_unknown';
    case 'auth':
      return 'auth';
    case 'timeout':
      return 'timeout';
    case 'unreachable':
      return 'unreachable';
    case 'docker':
      if (e.statusCode === 404) return 'container_gone';
      if (e.statusCode === 409) return 'container_stopped';
      return e.statusCode === undefined || e.statusCode >= 500 ? 'docker_down' : 'failed';
    default:
      return kindOfText(e.message);
  }
}

function kindOfText(text: string): ProbeIssueKind {
  if (/is not running|is restarting|is paused|stopped while it ran/i.test(text))
    return 'container_stopped';
  if (/no such container|is gone/i.test(text)) return 'container_gone';
  if (/timed out|did not finish within|no answer within/i.test(text)) return 'timeout';
  return 'failed';
}

export function probeIssue(part: ProbePart, err: unknown): ProbeIssue {
  const kind =
    err instanceof RemoteError
      ? kindOfRemote(err)
      : kindOfText(err instanceof Error ? err.message : String(err));
  const raw =
    err instanceof RemoteError ? err.detail : err instanceof Error ? err.message : String(err);
  return { part, kind, detail: raw.replace(UUID, (id) => id.slice(0, 8)).slice(0, 500) };
}

/** A plain sentence of an issue for logs and the CLI (the pages translate `kind`). */
export function issueText(i: ProbeIssue): string {
  return `${i.part}: ${i.kind.replace(/_/g, ' ')} (${i.detail})`;
}

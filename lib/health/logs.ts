// The log viewer's data: the last lines of one of a container's logs, read on demand over the pooled connection
// (a tail, never the whole file), each line with the spans the signature catalogue highlights.
import { NotFoundError } from '@/lib/errors';
import { linearMatches } from '@/lib/diagnosis/regex';
import { SIGNATURES, type SignatureId } from '@/lib/diagnosis/signatures';
import { LOG_PATHS } from '@/lib/probes/container';
import { demuxDockerLog } from '@/lib/probes/container-log';
import { remote, asDockerError } from '@/lib/remote';
import { RemoteError } from '@/lib/remote/errors';
import { hostLabel } from '@/lib/remote/host-names';
import { remoteCallTimeoutMs } from '@/lib/config';

export const LOG_SOURCES = ['gradio', 'dh', 'docker'] as const;
export type LogSource = (typeof LOG_SOURCES)[number];
export const LOG_FILE_PATHS: Record<Exclude<LogSource, 'docker'>, string> = {
  gradio: LOG_PATHS[0]!,
  dh: LOG_PATHS[1]!,
};
export const MAX_LOG_LINES = 2000;
const MAX_LINE_CHARS = 2000;

export interface Span {
  from: number;
  to: number;
  signature: SignatureId;
}

export interface LogLine {
  text: string;
  spans: Span[];
}

export interface LogTail {
  source: LogSource;
  path: string;
  lines: LogLine[];
  /** Lines with at least one highlight, per signature. */
  counts: Partial<Record<SignatureId, number>>;
  error?: string;
}

const MATCHERS = SIGNATURES.flatMap((s) =>
  [...s.highlight, ...(s.kind === 'line' ? s.patterns : [])].map((re) => ({ id: s.id, re })),
);

/** Signature spans of one line, earliest first, overlaps dropped (matched by the linear engine, as the scanner). */
export function highlight(text: string): Span[] {
  const spans: Span[] = [];
  for (const { id, re } of MATCHERS) {
    for (const m of linearMatches(re, text))
      spans.push({ from: m.index, to: m.index + m.text.length, signature: id });
  }
  spans.sort((a, b) => a.from - b.from || b.to - a.to);
  const out: Span[] = [];
  for (const s of spans) if (!out.length || s.from >= out[out.length - 1]!.to) out.push(s);
  return out;
}

export function toLogLines(text: string): LogLine[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-MAX_LOG_LINES).map((l) => {
    const t = l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) + '…' : l;
    return { text: t, spans: highlight(t) };
  });
}

/**
 * `containerId` must come from the console's own probe results (never from the request), and the path from the
 * fixed list above: nothing the browser sends reaches the command line except the line count, a bounded integer.
 */
export async function readLogTail(
  hostId: string,
  containerId: string,
  source: LogSource,
  lines: number,
): Promise<LogTail> {
  const n = Math.max(1, Math.min(MAX_LOG_LINES, Math.floor(lines)));
  const timeoutMs = remoteCallTimeoutMs();
  let text: string;
  let path: string;
  if (source === 'docker') {
    path = 'docker logs';
    const d = await remote.docker(hostId);
    try {
      const buf = (await d
        .getContainer(containerId)
        .logs({ stdout: true, stderr: true, follow: false, tail: n })) as unknown as Buffer;
      text = demuxDockerLog(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf)));
    } catch (err) {
      throw asDockerError(err, hostId, `logs of ${containerId}`);
    }
  } else {
    path = LOG_FILE_PATHS[source];
    const r = await remote.execInContainer(
      hostId,
      containerId,
      ['tail', '-n', String(n), '--', path],
      { timeoutMs },
    );
    if (r.code !== 0) {
      if (/No such file/i.test(r.stderr)) throw new NotFoundError(`log file ${path}`);
      // 126/127: the exec could not start in the container (a job is stopping or re-creating it): a state, said
      // as such ("the container is not running"), not an unexpected error.
      const why = r.stderr.trim().slice(-300);
      if (r.code === 126 || r.code === 127)
        throw new RemoteError(
          'exit',
          hostLabel(hostId),
          `the container stopped while it ran: ${why}`,
          {
            argv: ['tail', path],
            exitCode: r.code,
          },
        );
      throw new Error(`tail ${path} exited ${r.code}: ${why}`);
    }
    text = r.stdout;
  }
  const out = toLogLines(text);
  const counts: Partial<Record<SignatureId, number>> = {};
  for (const l of out)
    for (const id of new Set(l.spans.map((s) => s.signature))) counts[id] = (counts[id] ?? 0) + 1;
  return { source, path, lines: out, counts };
}

// The container's own log (what `docker logs` shows), read through the Docker API: from the newest timestamp seen
// last round, so each round fetches only new lines; on first contact only the last lines.
export const FIRST_CONTACT_TAIL = 2000;

/** Docker multiplexes stdout/stderr of a non-TTY container in frames: [stream, 0, 0, 0, size (u32 BE)] + payload. */
export function demuxDockerLog(buf: Buffer): string {
  const framed = buf.length >= 8 && buf[0]! <= 2 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
  if (!framed) return buf.toString('utf8');
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos + 8 <= buf.length) {
    const size = buf.readUInt32BE(pos + 4);
    parts.push(buf.subarray(pos + 8, Math.min(buf.length, pos + 8 + size)));
    pos += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

const TS_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) ?(.*)$/;

/** Nanosecond-precision RFC 3339 timestamps compare correctly as strings once the fraction is padded. */
function sortable(ts: string): string {
  const [head, frac = ''] = ts.replace(/Z$/, '').split('.');
  return `${head}.${frac.padEnd(9, '0')}`;
}

export interface ContainerLogCursor {
  lastTs: string | null;
}

/** Docker's `since` (whole seconds are enough: lines up to the last one seen are dropped below). */
export function sinceFor(cursor: ContainerLogCursor): number | undefined {
  return cursor.lastTs ? Math.floor(Date.parse(cursor.lastTs) / 1000) : undefined;
}

/** Lines newer than the cursor, each with Docker's timestamp apart from its text; advances the cursor. */
export function newLines(text: string, cursor: ContainerLogCursor): { ts: string; text: string }[] {
  const out: { ts: string; text: string }[] = [];
  const last = cursor.lastTs ? sortable(cursor.lastTs) : null;
  for (const raw of text.split('\n')) {
    const m = TS_LINE.exec(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (!m) continue;
    if (last && sortable(m[1]!) <= last) continue;
    out.push({ ts: m[1]!, text: m[2]! });
    cursor.lastTs = m[1]!;
  }
  return out;
}

// Following one of a container's logs live, for the log viewer: the last lines first, then each new line as the
// service writes it, over the host's pooled connection. A log file is read by short polls from a byte offset (no
// process lingers in the container after the reader leaves); `docker logs` is Docker's own follow stream, closed
// with the request. Each host serves a bounded number of followers: past it a follower is refused as busy.
import { NotFoundError } from '@/lib/errors';
import { asDockerError, remote } from '@/lib/remote';
import { RemoteError } from '@/lib/remote/errors';
import { hostLabel } from '@/lib/remote/host-names';
import { LOG_FILE_PATHS, type LogLine, type LogSource, toLogLines } from './logs';

export const FOLLOW_POLL_MS = 1_500;
/** Bytes read per poll at most: a log that grows faster is caught up over the next polls. */
const CHUNK_BYTES = 512 * 1024;
/** Enough for the last 2000 lines of a service log (each line is cut at 2000 characters on display anyway). */
const TAIL_BYTES = 1024 * 1024;

export const followersPerHost = (): number =>
  Math.max(1, Number(process.env.CONSOLE_LOG_FOLLOWERS_PER_HOST ?? 4) || 4);

const following = new Map<string, number>();

export interface FollowEvents {
  lines(lines: LogLine[]): void;
  /** The file was replaced or truncated (log rotation): what follows is read from its start. */
  rotated(): void;
}

/** Counts a follower against the host's limit; the release function must be called when it ends. */
export function admitFollower(hostId: string): () => void {
  const now = following.get(hostId) ?? 0;
  if (now >= followersPerHost())
    throw new RemoteError(
      'busy',
      hostLabel(hostId),
      `${now} live logs are already followed on this host`,
      { retryAfterS: 30 },
    );
  following.set(hostId, now + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (following.get(hostId) ?? 1) - 1;
    if (left > 0) following.set(hostId, left);
    else following.delete(hostId);
  };
}

export const followerCount = (hostId: string): number => following.get(hostId) ?? 0;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Follows until `signal` aborts; throws when the log cannot be read (the caller reports it and ends). */
export async function followLog(
  hostId: string,
  containerId: string,
  source: LogSource,
  lines: number,
  signal: AbortSignal,
  on: FollowEvents,
): Promise<void> {
  if (source === 'docker') return followDocker(hostId, containerId, lines, signal, on);
  return followFile(hostId, containerId, LOG_FILE_PATHS[source], lines, signal, on);
}

async function statFile(hostId: string, containerId: string, path: string, signal: AbortSignal) {
  const r = await remote.execInContainer(hostId, containerId, ['stat', '-c', '%i %s', '--', path], {
    signal,
  });
  if (r.code !== 0) {
    if (/No such file/i.test(r.stderr)) throw new NotFoundError(`log file ${path}`);
    throw new Error(`stat ${path} exited ${r.code}: ${r.stderr.trim().slice(-300)}`);
  }
  const [ino = '', size = '0'] = r.stdout.trim().split(' ');
  return { ino, size: Number(size) };
}

async function readRange(
  hostId: string,
  containerId: string,
  path: string,
  offset: number,
  count: number,
  signal: AbortSignal,
): Promise<string> {
  const argv = ['dd', `if=${path}`, 'iflag=skip_bytes,count_bytes', `skip=${offset}`];
  argv.push(`count=${count}`, 'bs=65536', 'status=none');
  const r = await remote.execInContainer(hostId, containerId, argv, { signal });
  if (r.code !== 0) throw new Error(`reading ${path} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * Whole lines of what was read from a line start, and the bytes they span (where to go on from). A line still being
 * written is read again whole next time; a single line longer than a chunk is shown cut rather than never.
 */
export function wholeLines(read: string, full: boolean): { text: string; consumed: number } {
  const end = read.lastIndexOf('\n');
  if (end >= 0) {
    const text = read.slice(0, end + 1);
    return { text, consumed: Buffer.byteLength(text) };
  }
  return full
    ? { text: `${read}\n`, consumed: Buffer.byteLength(read) }
    : { text: '', consumed: 0 };
}

/** The last `lines` whole lines before `size`, and the offset just after the last of them. */
async function tailAt(
  hostId: string,
  containerId: string,
  path: string,
  size: number,
  lines: number,
  signal: AbortSignal,
): Promise<{ lines: LogLine[]; offset: number }> {
  const start = Math.max(0, size - TAIL_BYTES);
  const read = await readRange(hostId, containerId, path, start, size - start, signal);
  const end = read.lastIndexOf('\n');
  // Counted back from `size`: the start may cut a character in two, the end is where the file was.
  const offset = size - Buffer.byteLength(read.slice(end + 1));
  let text = read.slice(0, end + 1);
  if (start > 0) text = text.slice(text.indexOf('\n') + 1);
  return { lines: toLogLines(text).slice(-lines), offset };
}

async function followFile(
  hostId: string,
  containerId: string,
  path: string,
  lines: number,
  signal: AbortSignal,
  on: FollowEvents,
): Promise<void> {
  let file = await statFile(hostId, containerId, path, signal);
  // The tail first, then everything after it: no line is missed or shown twice.
  const first = await tailAt(hostId, containerId, path, file.size, lines, signal);
  on.lines(first.lines);
  let offset = first.offset;
  while (!signal.aborted) {
    await sleep(FOLLOW_POLL_MS, signal);
    if (signal.aborted) break;
    const now = await statFile(hostId, containerId, path, signal);
    if (now.ino !== file.ino || now.size < offset) {
      on.rotated();
      offset = 0;
    }
    file = now;
    while (now.size > offset && !signal.aborted) {
      const count = Math.min(CHUNK_BYTES, now.size - offset);
      const read = await readRange(hostId, containerId, path, offset, count, signal);
      const { text, consumed } = wholeLines(read, count === CHUNK_BYTES);
      if (consumed === 0) break;
      offset += consumed;
      on.lines(toLogLines(text));
    }
  }
}

/** Docker's frames ([stream, 0, 0, 0, size u32 BE] + payload) of a non-TTY container, or raw bytes of a TTY one. */
export class DockerLogLines {
  private buf = Buffer.alloc(0);
  private line = Buffer.alloc(0);
  private framed: boolean | null = null;

  /** Bytes in, whole lines out (decoded only once whole, so no character is cut in two). */
  push(chunk: Buffer): string[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    if (this.framed === null && this.buf.length >= 8)
      this.framed =
        this.buf[0]! <= 2 && this.buf[1] === 0 && this.buf[2] === 0 && this.buf[3] === 0;
    if (this.framed === null) return [];
    let payload: Buffer;
    if (this.framed) {
      const parts: Buffer[] = [];
      while (this.buf.length >= 8 && this.buf.length >= 8 + this.buf.readUInt32BE(4)) {
        const size = this.buf.readUInt32BE(4);
        parts.push(this.buf.subarray(8, 8 + size));
        this.buf = this.buf.subarray(8 + size);
      }
      payload = Buffer.concat(parts);
    } else {
      payload = this.buf;
      this.buf = Buffer.alloc(0);
    }
    this.line = Buffer.concat([this.line, payload]);
    const out: string[] = [];
    for (let nl = this.line.indexOf(10); nl >= 0; nl = this.line.indexOf(10)) {
      out.push(this.line.subarray(0, nl).toString('utf8'));
      this.line = this.line.subarray(nl + 1);
    }
    return out;
  }
}

async function followDocker(
  hostId: string,
  containerId: string,
  lines: number,
  signal: AbortSignal,
  on: FollowEvents,
): Promise<void> {
  const d = await remote.docker(hostId, { timeoutMs: 0 });
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await d.getContainer(containerId).logs({
      stdout: true,
      stderr: true,
      follow: true,
      tail: lines,
    })) as NodeJS.ReadableStream;
  } catch (err) {
    throw asDockerError(err, hostId, `logs of ${containerId}`);
  }
  const parser = new DockerLogLines();
  await new Promise<void>((resolve, reject) => {
    const stop = () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      resolve();
    };
    signal.addEventListener('abort', stop, { once: true });
    stream.on('data', (chunk: Buffer) => {
      const got = parser.push(chunk);
      if (got.length) on.lines(toLogLines(`${got.join('\n')}\n`));
    });
    // The container stopped or was removed: Docker ends the stream; the follower ends with it.
    stream.on('end', stop);
    stream.on('error', (err) => (signal.aborted ? resolve() : reject(err)));
  });
}

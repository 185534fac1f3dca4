import type { HostConnection } from './connection';
import { quoteArgv } from './shell-quote';

// Stopping a command that outlived its deadline. Closing an SSH channel does not stop the remote process
// (OpenSSH keeps non-tty children), and OpenSSH 9.2 refuses "signal" requests. So every command starts
// with a tiny POSIX sh prelude that reports its process group on stderr and then execs the real argv; on
// timeout the console kills that group over a second channel.

const MARKER = '\u001edhc-pgid:';
// Field 5 of /proc/$$/stat is the process group; the session leader sshd created is its id.
const PRELUDE = `read -r _ _ _ _ g _ < /proc/$$/stat 2>/dev/null; printf '\\036dhc-pgid:%s\\n' "$g" >&2; exec "$@"`;

export function wrapWithPrelude(argv: readonly string[]): string[] {
  return ['sh', '-c', PRELUDE, 'dhc', ...argv];
}

/** Takes the marker line off the front of stderr; everything else passes through untouched. */
export class PgidStripper {
  pgid: number | null = null;
  private head: Buffer | null = Buffer.alloc(0);

  push(chunk: Buffer): Buffer {
    if (this.head === null) return chunk;
    const buf = Buffer.concat([this.head, chunk]);
    const nl = buf.indexOf(0x0a);
    if (nl < 0 && buf.length < 64) {
      this.head = buf;
      return Buffer.alloc(0);
    }
    this.head = null;
    const line = buf.subarray(0, Math.max(nl, 0)).toString('utf8');
    if (nl >= 0 && line.startsWith(MARKER)) {
      const n = Number(line.slice(MARKER.length));
      this.pgid = Number.isInteger(n) && n > 1 ? n : null;
      return buf.subarray(nl + 1);
    }
    return buf;
  }

  /** Whatever is still held back when the stream ends. */
  flush(): Buffer {
    const rest = this.head ?? Buffer.alloc(0);
    this.head = null;
    return rest;
  }
}

/** Runs a short host command outside the channel bound, waiting at most `waitMs`. Best effort. */
export async function runShort(
  conn: HostConnection,
  argv: string[],
  waitMs = 5_000,
): Promise<void> {
  try {
    const ch = await conn.execChannel(quoteArgv(argv));
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        ch.close();
        resolve();
      }, waitMs);
      ch.on('close', () => {
        clearTimeout(t);
        resolve();
      });
      ch.resume();
      ch.stderr.resume();
      ch.end();
    });
  } catch {
    /* the connection may be gone; nothing more to do from here */
  }
}

export function killProcessGroup(conn: HostConnection, pgid: number): Promise<void> {
  // Through sh: the user's login shell may be anything, and dash's kill rejects "--" before a negative id.
  return runShort(conn, ['sh', '-c', 'kill -KILL -"$1"', 'dhc-kill', String(pgid)]);
}

/**
 * Kills a host process and what it started: its whole group when it leads one, else it and its children.
 * Used for `docker exec` processes, whose host PID Docker reports.
 */
export function killHostProcessTree(
  conn: HostConnection,
  pid: number,
  argv0?: string,
): Promise<void> {
  // With argv0, a PID that now runs another program (the process ended and the number was reused, e.g. after the
  // container restarted) is left alone.
  const script =
    'p=$1; read -r _ _ _ _ g _ < /proc/$p/stat || exit 0; ' +
    'if [ -n "$2" ] && [ "$(tr "\\0" "\\n" < /proc/$p/cmdline | head -n 1)" != "$2" ]; then exit 0; fi; ' +
    'if [ "$g" = "$p" ]; then kill -KILL -"$p"; else pkill -KILL -P "$p"; kill -KILL "$p"; fi 2>/dev/null; true';
  return runShort(conn, ['sh', '-c', script, 'dhc-kill', String(pid), argv0 ?? '']);
}

// The client's address as this server's socket saw it, for sign-in limits and the audit log.
//
// Route handlers and server actions see only headers. `next start` copies the socket's address into
// X-Forwarded-For, but only when the request carries none (Next.js base-server: `x-forwarded-for ??=
// socket.remoteAddress`), so a client that sends its own header would choose the address it is counted under.
// instrumentation.ts therefore installs a stamp that runs as each request arrives, before Next.js reads it: it
// writes the socket's address into PEER_HEADER, replacing whatever the client sent under that name, after a token
// only this process knows (a request that arrived before the stamp was installed cannot carry a forged one).
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

export const PEER_HEADER = 'x-dhc-peer-address';
const TOKEN = Symbol.for('dh-fleet-console.peer-address-token');

// On globalThis: instrumentation.ts and the route bundles are separate module instances in one process.
type Flagged = typeof globalThis & { [TOKEN]?: string };

/** `::ffff:127.0.0.1` → `127.0.0.1`; other addresses unchanged (at most 64 characters). */
export function normaliseAddress(address: string): string {
  const a = address.trim().slice(0, 64);
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

// What an HTTP server emits with a new request (the last two only for `Expect:` headers).
const REQUEST_EVENTS = new Set<unknown>(['request', 'checkContinue', 'checkExpectation']);

function stamp(req: http.IncomingMessage, token: string): void {
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_HEADER] = `${token} ${normaliseAddress(address)}`;
  else delete req.headers[PEER_HEADER];
}

/**
 * Stamps every request an HTTP(S) server of this process receives. Idempotent. Patches the servers' `emit`, the
 * one place a request passes through before `next start`'s own handler (there is no custom server to hook).
 */
export function installPeerAddressStamp(): void {
  const g = globalThis as Flagged;
  if (g[TOKEN]) return;
  const token = crypto.randomBytes(16).toString('hex');
  const prototypes = [http.Server.prototype, https.Server.prototype] as {
    emit: (...a: unknown[]) => boolean;
  }[];
  for (const proto of prototypes) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
      if (REQUEST_EVENTS.has(event)) stamp(args[0] as http.IncomingMessage, token);
      return emit.call(this, event, ...args);
    };
  }
  g[TOKEN] = token;
}

/** The stamped address, when the request carries this process's token; else null. */
function stampedAddress(headers: Headers): string | null {
  const token = (globalThis as Flagged)[TOKEN];
  const value = headers.get(PEER_HEADER);
  if (!token || !value?.startsWith(`${token} `)) return null;
  return value.slice(token.length + 1) || null;
}

/**
 * The client's address: with CONSOLE_TRUST_PROXY=1 (the console is reached only through one reverse proxy), the
 * last X-Forwarded-For entry, the one that proxy added; otherwise the socket's address from the stamp. Requests
 * that arrived while the server was still starting (before the stamp was installed) fall back to the
 * X-Forwarded-For that Next.js set from the socket. Undefined only when no address is known at all.
 */
export function peerAddress(headers: Headers): string | undefined {
  if (process.env.CONSOLE_TRUST_PROXY === '1') {
    const last = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (last) return normaliseAddress(last);
  }
  const stamped = stampedAddress(headers);
  if (stamped) return stamped;
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded ? normaliseAddress(forwarded) : undefined;
}

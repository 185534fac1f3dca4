import { RequestRefused } from './errors';
import { peerAddress } from './peer-address';

/** Extra origins (e.g. "https://console.example.com") allowed when the console sits behind a reverse proxy. */
function configuredOrigins(): string[] {
  return (process.env.CONSOLE_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * State-changing requests must carry an Origin equal to this console. Compared with the `Host` header only:
 * `X-Forwarded-Host` is set by whoever sends the request, so it cannot vouch for anything. A missing or "null"
 * Origin is refused (Next.js lets those through for server actions; we do not).
 */
export function assertSameOrigin(headers: Headers): void {
  const origin = headers.get('origin');
  if (!origin || origin === 'null') throw new RequestRefused('bad_origin', 'missing Origin header');
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw new RequestRefused('bad_origin', 'malformed Origin header');
  }
  const host = headers.get('host')?.toLowerCase();
  if (host && parsed.host.toLowerCase() === host) return;
  if (configuredOrigins().includes(parsed.origin.toLowerCase())) return;
  throw new RequestRefused('bad_origin', `Origin ${parsed.origin} is not this console`);
}

/** Route handlers that change state accept JSON bodies only, so a plain HTML form on another site cannot post. */
export function assertJsonBody(headers: Headers): void {
  const type = headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new RequestRefused('invalid', 'Content-Type must be application/json');
}

/** The client's address (lib/web/peer-address.ts): the socket's, or the trusted proxy's last X-Forwarded-For entry. */
export function clientIp(headers: Headers): string | undefined {
  return peerAddress(headers);
}

/** Secure cookies when the request reached us over https (or the operator forces it). */
export function isHttps(headers: Headers): boolean {
  return process.env.CONSOLE_SECURE_COOKIES === '1' || headers.get('x-forwarded-proto') === 'https';
}

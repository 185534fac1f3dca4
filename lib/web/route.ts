import { recordAudit } from '@/lib/audit/log';
import { requireRole } from '@/lib/auth/guard';
import type { Role } from '@/lib/auth/types';
import { toActionError } from './errors';
import { assertJsonBody, assertSameOrigin } from './origin';
import { HTTP_STATUS } from './result';
import { currentIdentity, type RequestIdentity } from './session';

interface RouteOptions {
  /** Audit name; refusals of state-changing handlers are audited under it. */
  name: string;
  role: Role;
  /** State-changing handlers also check Origin and a JSON content type themselves. */
  mutates?: boolean;
}

type Handler<C> = (req: Request, identity: RequestIdentity, routeContext: C) => Promise<unknown>;

const NO_STORE = { 'cache-control': 'no-store' };

export function jsonError(err: unknown): Response {
  const error = toActionError(err);
  // A busy console says when to come back: browsers' SWR and scripts retry then instead of at once.
  const headers =
    error.retryAfterS === undefined
      ? NO_STORE
      : { ...NO_STORE, 'retry-after': String(error.retryAfterS) };
  return Response.json({ error }, { status: HTTP_STATUS[error.code], headers });
}

/** Route handler chain: identity → role (→ Origin + content type when it mutates) → handler → JSON. */
export function withRole<C = unknown>(
  options: RouteOptions,
  handler: Handler<C>,
): (req: Request, routeContext: C) => Promise<Response> {
  return async (req, routeContext) => {
    let identity: RequestIdentity | undefined;
    try {
      identity = await currentIdentity();
      if (options.mutates) {
        assertSameOrigin(req.headers);
        assertJsonBody(req.headers);
      }
      requireRole(identity.user, options.role);
    } catch (err) {
      // Refused reads are not audited: a polling page with an expired session would flood the log.
      if (identity && options.mutates) {
        await recordAudit({
          actor: identity.actor,
          action: options.name,
          result: 'denied',
          error: err instanceof Error ? err.message : String(err),
        }).catch(() => undefined);
      }
      return jsonError(err);
    }
    try {
      const body = await handler(req, identity, routeContext);
      return body instanceof Response ? body : Response.json(body, { headers: NO_STORE });
    } catch (err) {
      return jsonError(err);
    }
  };
}

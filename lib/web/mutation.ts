// Mutating route handlers run the chain of server actions (lib/web/chain.ts): session → Origin → role → body →
// zod input → handler → audit. The body is JSON read within its limit while it streams in; a streamed upload takes
// its input from the query string and leaves the body to the handler.
import { z } from 'zod';
import type { Role } from '@/lib/auth/types';
import { type AuditEntry, auditStep, checkInput, openChain } from './chain';
import { RequestRefused, toActionError } from './errors';
import { jsonBody } from './json-body';
import { assertJsonBody } from './origin';
import { jsonError } from './route';
import type { RequestIdentity } from './session';

export interface MutationSpec<S extends z.ZodType, C> {
  /** Audit action name, e.g. "job.start". */
  name: string;
  role: Role;
  /** The JSON body's schema ("query": the query string's, for a body the handler streams itself). */
  input: S;
  body?: 'json' | 'query';
  /**
   * "self": the service records the outcome itself; the chain records refusals and refused input.
   * "all": the chain also records the outcome.
   */
  audit: 'self' | 'all';
  target?: (input: z.output<S>, result: unknown) => string | undefined;
  /** HTTP status of a success (201 for what it creates). */
  status?: number;
  /** Turns an error into a response where the default mapping does not fit (413/415 of uploads). */
  onError?: (err: unknown) => Response;
  handler: (
    input: z.output<S>,
    identity: RequestIdentity,
    context: { req: Request; route: C },
  ) => Promise<unknown>;
}

const NO_STORE = { 'cache-control': 'no-store' };

/** The input of a mutation that takes none besides its path (a cancel): any JSON object, its fields ignored. */
export const NO_INPUT = z.object({});

async function rawInput(req: Request, mode: 'json' | 'query'): Promise<unknown> {
  if (mode === 'query') return Object.fromEntries(new URL(req.url).searchParams);
  assertJsonBody(req.headers);
  return jsonBody(req);
}

export function mutationRoute<S extends z.ZodType, C = unknown>(
  spec: MutationSpec<S, C>,
): (req: Request, route: C) => Promise<Response> {
  return async (req, route) => {
    let identity: RequestIdentity | undefined;
    let stage: 'gate' | 'input' | 'run' = 'gate';
    let raw: unknown;
    try {
      identity = await openChain(spec.role, (i) => {
        identity = i;
      });
      raw = await rawInput(req, spec.body ?? 'json');
      stage = 'input';
      const input = checkInput(spec.input, raw);
      if (!input.ok) {
        const entry = {
          result: 'error' as const,
          args: raw,
          error: `invalid input: ${input.message}`,
        };
        await auditStep(spec.name, identity, entry, true);
        const error = { code: 'invalid', message: input.message, fields: input.fields };
        return Response.json({ error }, { status: 400, headers: NO_STORE });
      }
      stage = 'run';
      const result = await spec.handler(input.data, identity, { req, route });
      const target = spec.target?.(input.data, result);
      await auditStep(
        spec.name,
        identity,
        { result: 'ok', args: input.data, target },
        spec.audit === 'all',
      );
      return Response.json(result, { status: spec.status ?? 200, headers: NO_STORE });
    } catch (err) {
      const error = toActionError(err);
      const denied =
        stage === 'gate' ||
        error.code === 'forbidden' ||
        error.code === 'unauthenticated' ||
        err instanceof RequestRefused;
      if (identity) {
        const entry = { result: denied ? 'denied' : 'error', args: raw, error: error.message };
        await auditStep(spec.name, identity, entry as AuditEntry, denied || spec.audit === 'all');
      }
      return spec.onError ? spec.onError(err) : jsonError(err);
    }
  };
}

import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import type { Role } from '@/lib/auth/types';
import { type AuditEntry, auditStep, checkInput, openChain } from './chain';
import { RequestRefused, toActionError } from './errors';
import type { ActionResult } from './result';
import type { RequestIdentity } from './session';

export type ActionContext = RequestIdentity;

export interface ActionSpec<S extends z.ZodType, T> {
  /** Audit action name, e.g. "hosts.add". */
  name: string;
  /** Least role allowed; "public" only for sign-in, setup and the language switch. */
  role: Role | 'public';
  input: S;
  /**
   * "self": lib/ records ok/error itself, the chain records only refusals.
   * "all": the chain also records the outcome (for lib/ calls that do not audit).
   */
  audit: 'self' | 'all';
  target?: (input: z.output<S>) => string | undefined;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>;
}

/**
 * The middleware chain every server action runs through, in this order:
 * Origin check → session cookie → user → role → zod input → handler → audit.
 * Nothing in the handler runs unless every step before it passed; refusals are audited as "denied".
 */
export function defineAction<S extends z.ZodType, T>(
  spec: ActionSpec<S, T>,
): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    let ctx: ActionContext | undefined;
    let stage: 'gate' | 'input' | 'run' = 'gate';
    let target: string | undefined;
    try {
      ctx = await openChain(spec.role, (identity) => {
        ctx = identity;
      });
      stage = 'input';
      const input = checkInput(spec.input, raw);
      if (!input.ok) {
        // Refused input is an attempted change: on record even when lib/ (never reached) would audit the outcome.
        const entry = {
          result: 'error' as const,
          args: raw,
          error: `invalid input: ${input.message}`,
        };
        await auditStep(spec.name, ctx, entry, spec.role !== 'public' || spec.audit === 'all');
        return {
          ok: false,
          error: { code: 'invalid', message: input.message, fields: input.fields },
        };
      }
      stage = 'run';
      target = spec.target?.(input.data);
      const data = await spec.handler(input.data, ctx);
      const entry = { result: 'ok' as const, args: input.data, target };
      await auditStep(spec.name, ctx, entry, spec.audit === 'all');
      return { ok: true, data };
    } catch (err) {
      unstable_rethrow(err);
      const error = toActionError(err);
      const denied =
        stage === 'gate' ||
        error.code === 'forbidden' ||
        error.code === 'unauthenticated' ||
        err instanceof RequestRefused;
      if (ctx) {
        const entry = {
          result: denied ? 'denied' : 'error',
          args: raw,
          target,
          error: error.message,
        };
        await auditStep(spec.name, ctx, entry as AuditEntry, denied || spec.audit === 'all');
      }
      return { ok: false, error };
    }
  };
}

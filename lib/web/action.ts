import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/log';
import { requireRole } from '@/lib/auth/guard';
import type { Role } from '@/lib/auth/types';
import { RequestRefused, toActionError, zodIssues } from './errors';
import { assertSameOrigin } from './origin';
import { redact } from './redact';
import type { ActionResult } from './result';
import { currentIdentity, type RequestIdentity } from './session';

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
      ctx = await currentIdentity();
      assertSameOrigin(ctx.headers);
      if (spec.role !== 'public') requireRole(ctx.user, spec.role);
      stage = 'input';
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) {
        const fields = zodIssues(parsed.error);
        // Refused input is an attempted change: on record even when lib/ (never reached) would audit the outcome.
        const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
        await audit(
          spec,
          ctx,
          { result: 'error', args: raw, error: `invalid input: ${message}` },
          spec.role !== 'public' || spec.audit === 'all',
        );
        return { ok: false, error: { code: 'invalid', message, fields } };
      }
      stage = 'run';
      target = spec.target?.(parsed.data);
      const data = await spec.handler(parsed.data, ctx);
      await audit(spec, ctx, { result: 'ok', args: parsed.data, target }, spec.audit === 'all');
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
        const record = denied || spec.audit === 'all';
        await audit(
          spec,
          ctx,
          { result: denied ? 'denied' : 'error', args: raw, target, error: error.message },
          record,
        );
      }
      return { ok: false, error };
    }
  };
}

async function audit(
  spec: { name: string },
  ctx: ActionContext,
  entry: { result: 'ok' | 'error' | 'denied'; args: unknown; target?: string; error?: string },
  enabled: boolean,
): Promise<void> {
  if (!enabled) return;
  try {
    await recordAudit({
      actor: ctx.actor,
      action: spec.name,
      target: entry.target,
      args: redact(entry.args),
      result: entry.result,
      error: entry.error,
    });
  } catch (err) {
    // A refusal must still be refused even if the audit store is down; the failure goes to the server log.
    console.error(`audit of ${spec.name} failed:`, err instanceof Error ? err.message : err);
    if (entry.result === 'ok') throw err;
  }
}

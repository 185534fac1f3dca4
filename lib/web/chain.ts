// The steps every mutation runs through, shared by server actions (lib/web/action.ts) and mutating route handlers
// (lib/web/mutation.ts): session → Origin → role → zod input → handler → audit. Each step refuses before the next.
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/log';
import { requireRole } from '@/lib/auth/guard';
import type { Role } from '@/lib/auth/types';
import { zodIssues } from './errors';
import { assertSameOrigin } from './origin';
import { redact } from './redact';
import type { FieldIssue } from './result';
import { currentIdentity, type RequestIdentity } from './session';

/** Session, then Origin, then role ("public": sign-in, setup and the language switch only). */
export async function openChain(
  role: Role | 'public',
  onIdentity: (identity: RequestIdentity) => void,
): Promise<RequestIdentity> {
  const identity = await currentIdentity();
  onIdentity(identity);
  assertSameOrigin(identity.headers);
  if (role !== 'public') requireRole(identity.user, role);
  return identity;
}

export type Checked<T> =
  | { ok: true; data: T }
  | { ok: false; fields: FieldIssue[]; message: string };

/** The input against its schema: the parsed value, or every field issue with a one-line summary. */
export function checkInput<S extends z.ZodType>(schema: S, raw: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields = zodIssues(parsed.error);
  return { ok: false, fields, message: fields.map((f) => `${f.field}: ${f.message}`).join('; ') };
}

export interface AuditEntry {
  result: 'ok' | 'error' | 'denied';
  args: unknown;
  target?: string;
  error?: string;
}

/** One audit record of the chain (arguments redacted); a failing store fails only an "ok" (nothing unrecorded). */
export async function auditStep(
  name: string,
  identity: RequestIdentity,
  entry: AuditEntry,
  enabled: boolean,
): Promise<void> {
  if (!enabled) return;
  try {
    await recordAudit({
      actor: identity.actor,
      action: name,
      target: entry.target,
      args: redact(entry.args),
      result: entry.result,
      error: entry.error,
    });
  } catch (err) {
    // A refusal must still be refused even if the audit store is down; the failure goes to the server log.
    console.error(`audit of ${name} failed:`, err instanceof Error ? err.message : err);
    if (entry.result === 'ok') throw err;
  }
}

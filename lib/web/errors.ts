import type { z } from 'zod';
import { AuthError } from '@/lib/auth/errors';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { probeIssue } from '@/lib/remote/issues';
import { RemoteError } from '@/lib/remote/errors';
import { StoreError } from '@/lib/errors';
import { BodyTooLargeError } from './body-limit';
import type { ActionError, FieldIssue } from './result';

/** Thrown by the web glue itself (Origin check, content type) before any lib/ code runs. */
export class RequestRefused extends Error {
  constructor(
    readonly code: 'bad_origin' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(input)';
}

/** zod issues → field issues whose `rule` the browser can translate; the string/number flavour picks the wording. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params: Record<string, string | number> = {};
    let rule: string = issue.code;
    if (issue.code === 'too_small' || issue.code === 'too_big') {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      params[issue.code === 'too_small' ? 'minimum' : 'maximum'] = Number(bound);
      if (issue.origin === 'string') rule = `${issue.code}_string`;
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) rule = 'required';
    // Format rules are sentences written in lib/ (e.g. which characters a name may hold): keep them as the detail.
    // A validator of lib/validate names its rule's catalog code (and values) in the custom issue's params.
    const own =
      issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
    if (own && typeof own.rule === 'string') {
      const { rule: code, ...values } = own;
      for (const [k, v] of Object.entries(values))
        if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      return { field: fieldOf(issue.path), rule: code, message: issue.message, params };
    }
    if (
      issue.code === 'invalid_format' ||
      issue.code === 'custom' ||
      issue.code === 'invalid_value'
    ) {
      rule = issue.code === 'custom' ? 'invalid_format' : issue.code;
      params.detail = issue.message;
    }
    return { field: fieldOf(issue.path), rule, message: issue.message, params };
  });
}

/** Maps what lib/ throws to a stable, browser-safe error. Unknown errors keep only their message (no stack). */
export function toActionError(err: unknown): ActionError {
  if (err instanceof RequestRefused) return { code: err.code, message: err.message };
  if (err instanceof AuthError)
    return { code: err.code, message: err.message, ...(err.params ? { params: err.params } : {}) };
  if (err instanceof BodyTooLargeError)
    return { code: 'too_large', message: err.message, params: { limit: err.limit } };
  if (err instanceof ValidationError) {
    const fields = err.issues.map((i) => ({
      field: i.field,
      rule: i.code ?? i.message,
      message: i.message,
      ...(i.params ? { params: i.params } : {}),
    }));
    return { code: 'invalid', message: err.message, fields };
  }
  if (err instanceof NotFoundError) return { code: 'not_found', message: err.message };
  if (err instanceof ConflictError)
    return { code: 'conflict', message: err.message, ...(err.kind ? { kind: err.kind } : {}) };
  if (err instanceof StoreError) return { code: 'unavailable', message: err.message };
  if (err instanceof RemoteError && err.kind === 'busy')
    return { code: 'busy', message: err.message, retryAfterS: err.retryAfterS };
  // A host or container state (unreachable, host key changed, container not running): named, the host by its name.
  if (err instanceof RemoteError && err.kind !== 'invalid') {
    const issue = probeIssue('host', err);
    return { code: 'remote', kind: issue.kind, message: `${err.host}: ${issue.detail}` };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

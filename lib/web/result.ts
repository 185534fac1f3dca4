// The shape every server action returns and every route handler answers with on error.
// Codes are stable: the browser translates them through the i18n catalog (`errors.<code>`).
export type ErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'bad_credentials'
  | 'setup_done'
  | 'account_disabled'
  | 'bad_origin'
  | 'invalid'
  | 'too_large'
  | 'not_found'
  | 'conflict'
  | 'unavailable'
  | 'remote'
  | 'busy'
  | 'internal';

/** One problem with one input field: `rule` is a zod issue code (translatable) or a rule sentence from lib/. */
export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface ActionError {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
  /**
   * For `remote`: what state the host or container is in (lib/remote/issues.ts kinds); for `conflict`: which rule
   * refused (`errors.conflicts.<kind>`). For a translated sentence.
   */
  kind?: string;
  /** Values for the code's sentence, e.g. `retryAfterS` and `retryAt` of `rate_limited`. */
  params?: Record<string, string | number>;
  /** For 'busy': seconds after which a retry has a fair chance (route handlers also send it as Retry-After). */
  retryAfterS?: number;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  bad_origin: 403,
  rate_limited: 429,
  bad_credentials: 401,
  setup_done: 409,
  account_disabled: 403,
  invalid: 400,
  too_large: 413,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  remote: 502,
  busy: 503,
  internal: 500,
};

// Errors the domain throws on purpose; the web layer maps them to 401/403/429/400/404/409 and the CLI to messages.

export type AuthErrorCode = 'unauthenticated' | 'forbidden' | 'rate_limited' | 'bad_credentials' | 'setup_done';

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message?: string,
    /** Values the browser's translation of the code fills in (e.g. when a sign-in lock ends). */
    readonly params?: Record<string, string | number>,
  ) {
    super(message ?? defaultAuthMessage[code]);
    this.name = 'AuthError';
  }
}

const defaultAuthMessage: Record<AuthErrorCode, string> = {
  unauthenticated: 'sign-in required',
  forbidden: 'your role does not allow this',
  rate_limited: 'too many failed sign-ins; wait a few minutes and try again',
  bad_credentials: 'wrong username or password',
  setup_done: 'the console is already set up: an administrator exists',
};

export interface FieldIssue {
  field: string;
  message: string;
}

export class ValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; ') || 'invalid input');
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Turns a zod error into field + rule messages ("port: must be between 1 and 65535"). */
export function fromZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ValidationError {
  return new ValidationError(
    issues.map((i) => ({ field: i.path.map(String).join('.') || '(input)', message: i.message })),
  );
}

// Sign-in and role errors; the web layer maps them to 401/403/429. General errors are in lib/errors.ts.

export type AuthErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'bad_credentials'
  | 'setup_done'
  | 'account_disabled';

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
  account_disabled: 'this account is disabled; ask an administrator to enable it',
};

// Errors any domain throws on purpose: the web layer maps them to 400/404/409, the CLI to messages. Sign-in and
// role errors are lib/auth's own (lib/auth/errors.ts).

export interface FieldIssue {
  field: string;
  /** The rule in English. */
  message: string;
  /** The rule's key in the UI catalogs (`validation.<code>`) and its values, where it has one. */
  code?: string;
  params?: Record<string, string | number>;
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
  /** `kind`: which rule refused (`errors.conflicts.<kind>` in the catalogs), where the UI has a sentence for it. */
  constructor(
    message: string,
    readonly kind?: string,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Turns a zod error into field + rule messages ("port: must be between 1 and 65535"). */
export function fromZodIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ValidationError {
  return new ValidationError(
    issues.map((i) => ({ field: i.path.map(String).join('.') || '(input)', message: i.message })),
  );
}

/** The store cannot be used as it is (corrupt file, newer schema, wrong master key). Stops the console at start. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'corrupt' | 'newer_schema' | 'not_console_db' | 'master_key' | 'io',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

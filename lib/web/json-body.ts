import { ValidationError } from '@/lib/errors';
import { readBodyBounded } from './body-limit';

export const MAX_JSON_BYTES = 64 * 1024;

/**
 * The request's JSON object body, read within MAX_JSON_BYTES while it streams in (413 past it, before any
 * validation); a clear field error instead of a 500 on anything that is not a JSON object.
 */
export async function jsonBody(
  req: Request,
  limit = MAX_JSON_BYTES,
): Promise<Record<string, unknown>> {
  const text = new TextDecoder('utf-8').decode(await readBodyBounded(req, limit));
  let v: unknown;
  try {
    v = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: '(body)', message: 'must be valid JSON' }]);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ValidationError([{ field: '(body)', message: 'must be a JSON object' }]);
  return v as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ValidationError([{ field, message: 'must be a string' }]);
  return v;
}

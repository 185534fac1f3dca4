import { ValidationError } from '@/lib/errors';

const MAX_JSON_BYTES = 64 * 1024;

/** The request's JSON object body (bounded); a clear field error instead of a 500 on anything else. */
export async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) throw new ValidationError([{ field: '(body)', message: `must be at most ${MAX_JSON_BYTES} bytes` }]);
  let v: unknown;
  try {
    v = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: '(body)', message: 'must be valid JSON' }]);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValidationError([{ field: '(body)', message: 'must be a JSON object' }]);
  return v as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ValidationError([{ field, message: 'must be a string' }]);
  return v;
}

import { ValidationError } from '@/lib/errors';
import { fieldIssueOf, type Checked } from '@/lib/validate/values';

/** The checked value, or a ValidationError naming the field and the rule. */
export function valid<T>(r: Checked<T>): T {
  if (!r.ok) throw new ValidationError([fieldIssueOf(r.problem)]);
  return r.value;
}

/** Refuses options a remedy does not take (a typo must not silently fall back to a default). */
export function onlyKeys(raw: Record<string, unknown>, keys: readonly string[]): void {
  const extra = Object.keys(raw).filter((k) => !keys.includes(k));
  if (extra.length)
    throw new ValidationError(
      extra.map((k) => ({ field: k, message: 'is not an option of this remedy' })),
    );
}

export const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

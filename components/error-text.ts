'use client';

import type { ActionError, FieldIssue } from '@/lib/web/result';
import { formatMoment } from '@/lib/i18n/format-time';
import { useI18n } from './i18n-provider';

/** Turns server error codes and zod rules into sentences in the user's language. */
export function useErrorText() {
  const { t, tMaybe, locale } = useI18n();

  function rule(issue: FieldIssue): string {
    return tMaybe(`validation.${issue.rule}`, issue.params) ?? issue.message;
  }

  function summary(error: ActionError): string {
    if (error.code === 'conflict' && error.kind) {
      const known = tMaybe(`errors.conflicts.${error.kind}`, error.params);
      if (known) return known;
    }
    if (error.code === 'remote')
      return (
        tMaybe(`errors.remote.${error.kind ?? 'failed'}`, { message: error.message }) ??
        error.message
      );
    return (
      tMaybe(`errors.${error.code}`, {
        message: error.message,
        seconds: error.retryAfterS ?? 1,
        ...paramsOf(error),
      }) ?? error.message
    );
  }

  // A sign-in lock's end as the reader's clock shows it, and the whole minutes until then.
  function paramsOf(error: ActionError): Record<string, string | number> {
    const p = { ...error.params };
    if (typeof p.retryAt === 'string' && typeof p.retryAfterS === 'number') {
      p.at = formatMoment(Date.parse(p.retryAt), locale);
      p.minutes = Math.max(1, Math.ceil(p.retryAfterS / 60));
    }
    return p;
  }

  /** Errors keyed by field name, for showing each under its own input. */
  function byField(error: ActionError | null | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of error?.fields ?? []) {
      const key = issue.field.split('.')[0] ?? issue.field;
      out[key] ??= rule(issue);
    }
    return out;
  }

  /** For fields a form does not show: "field: rule" lines under the form. */
  function unplaced(error: ActionError | null | undefined, shown: readonly string[]): string[] {
    return (error?.fields ?? [])
      .filter((f) => !shown.includes(f.field.split('.')[0] ?? f.field))
      .map((f) => `${f.field}: ${rule(f)}`);
  }

  return { summary, byField, unplaced, rule, t };
}

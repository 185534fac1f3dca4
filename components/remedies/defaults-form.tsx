'use client';

import { useState, useTransition, type FormEvent } from 'react';
import type { RemedyDefaults } from '@/lib/remedies/settings';
import { ApiError } from '@/lib/swr/fetch-json';
import { putJson } from '@/lib/swr/post-json';
import { REMEDY_DEFAULTS_URL } from '@/lib/swr/use-remedy-defaults';
import type { ActionError } from '@/lib/web/result';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Notice } from '../ui/notice';
import { DefaultsFields } from './defaults-fields';
import { inputOf, readDefaults } from './defaults-values';

type Outcome =
  | { kind: 'saved' }
  | { kind: 'refused'; error: ActionError }
  | { kind: 'network' }
  | null;

/** The admin's form for the remedies' defaults: one PUT of the whole value; the server's schema judges it. */
export function DefaultsForm({
  defaults,
  onSaved,
}: {
  defaults: RemedyDefaults;
  onSaved: (saved: RemedyDefaults) => Promise<unknown>;
}) {
  const { t, summary, rule } = useErrorText();
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Bumped after each save so the inputs show what the server stored (e.g. 2048 MiB comes back as 2 GiB).
  const [generation, setGeneration] = useState(0);
  const [pending, startTransition] = useTransition();

  const errors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of outcome?.kind === 'refused' ? (outcome.error.fields ?? []) : []) {
    const at = inputOf(issue.field);
    if (!at) unplaced.push(`${issue.field}: ${rule(issue)}`);
    else
      errors[at.name] ??= at.line
        ? t('settings.hostLine', { line: at.line, rule: rule(issue) })
        : rule(issue);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = readDefaults(
      (name) => String(form.get(name) ?? ''),
      (name) => form.get(name) !== null,
    );
    startTransition(async () => {
      try {
        const saved = await putJson<{ defaults: RemedyDefaults }>(REMEDY_DEFAULTS_URL, body);
        await onSaved(saved.defaults);
        setGeneration((g) => g + 1);
        setOutcome({ kind: 'saved' });
      } catch (err) {
        // A refusal leaves the inputs as typed: nothing was stored, so there is nothing to reload.
        setOutcome(
          err instanceof ApiError ? { kind: 'refused', error: err.error } : { kind: 'network' },
        );
      }
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="defaults-form" className="space-y-6 p-4">
      <DefaultsFields
        key={`${generation}:${JSON.stringify(defaults)}`}
        d={defaults}
        errors={errors}
      />
      <div className="space-y-3 border-t border-slate-200 pt-4">
        {outcome?.kind === 'saved' && (
          <Notice tone="success" testId="defaults-saved">
            {t('settings.saved')}
          </Notice>
        )}
        {outcome?.kind === 'refused' && (
          <Notice tone="error" testId="defaults-error">
            <p>{summary(outcome.error)}</p>
            {unplaced.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </Notice>
        )}
        {outcome?.kind === 'network' && (
          <Notice tone="error" testId="defaults-error">
            {t('errors.network')}
          </Notice>
        )}
        <Button type="submit" variant="primary" disabled={pending} data-testid="defaults-save">
          {pending ? t('common.working') : t('common.save')}
        </Button>
      </div>
    </form>
  );
}

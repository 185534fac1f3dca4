import { type Text, text } from '@/lib/i18n/text';

// Remedy ids, in the order the remediation procedure of shared/DOMAIN.md applies them. Findings list their
// remedies in this order; the remedies issue implements one module per id.
export const REMEDY_ORDER = [
  'pin-ort',
  'ort-env',
  'session-options',
  'shm',
  'batch-size',
  'restart',
] as const;

export type RemedyId = (typeof REMEDY_ORDER)[number];

/** A remedy's title, from the catalogs (`remedies.titles`). */
export function remedyTitle(id: RemedyId): Text {
  return text(`remedies.titles.${id}`);
}

export function inRemedyOrder(ids: Iterable<RemedyId>): RemedyId[] {
  const wanted = new Set(ids);
  return REMEDY_ORDER.filter((id) => wanted.has(id));
}

/** The runbook: every remedy of the procedure in one job. */
export const RUNBOOK_NAME = 'fix-queue-blocking';
export const RUNBOOK_TITLE: Text = text('remedies.titles.fix-queue-blocking');

/** What a job is called (a remedy's title, or the runbook's), for lists that would otherwise show its raw name. */
export function jobTitle(name: string): Text | null {
  if (name === RUNBOOK_NAME) return RUNBOOK_TITLE;
  return (REMEDY_ORDER as readonly string[]).includes(name) ? remedyTitle(name as RemedyId) : null;
}

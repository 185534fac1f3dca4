// The options each remedy takes, in one place: the form's fields, the dhc flags, the runbook's options and the keys a
// remedy's params() accepts are all read from here (no React, no server code: the form imports it too).
import { REMEDY_ORDER, type RemedyId } from '@/lib/diagnosis/remedies';
import type { MessageKey } from '@/lib/i18n/translate';
import { formatBytes } from '@/lib/validate/values';
import type { RemedyDefaults } from './settings';

export type OptionKey = 'version' | 'indexUrl' | 'size' | 'composeFile' | 'batchSize';

export interface RemedyOption {
  /** The name in params, the API, the form and the runbook: one name everywhere. */
  key: OptionKey;
  kind: 'text' | 'flag';
  /** The dhc flag, without `--`. */
  flag: string;
  /** Catalog key of the form's label. */
  label: MessageKey;
  /** The admin default the field falls back to, as the form shows it. */
  placeholder?: (d: RemedyDefaults) => string;
}

const VERSION: RemedyOption = {
  key: 'version',
  kind: 'text',
  flag: 'version',
  label: 'jobs.panel.version',
  placeholder: (d) => d.ortVersion,
};
const INDEX_URL: RemedyOption = {
  key: 'indexUrl',
  kind: 'text',
  flag: 'index-url',
  label: 'jobs.panel.indexUrl',
  placeholder: (d) => d.indexUrl ?? '',
};
const SIZE: RemedyOption = {
  key: 'size',
  kind: 'text',
  flag: 'size',
  label: 'jobs.panel.size',
  placeholder: (d) => formatBytes(d.shmSizeBytes),
};
const COMPOSE_FILE: RemedyOption = {
  key: 'composeFile',
  kind: 'flag',
  flag: 'compose-file',
  label: 'jobs.panel.composeFile',
};
const BATCH_SIZE: RemedyOption = {
  key: 'batchSize',
  kind: 'text',
  flag: 'batch-size',
  label: 'jobs.panel.batchSize',
  placeholder: (d) => String(d.batchSize),
};

export const REMEDY_OPTIONS: Readonly<Record<RemedyId, readonly RemedyOption[]>> = {
  'pin-ort': [VERSION, INDEX_URL],
  'ort-env': [],
  'session-options': [],
  shm: [SIZE, COMPOSE_FILE],
  'batch-size': [BATCH_SIZE],
  restart: [],
};

/** Every remedy's options once, in the order of the procedure (the runbook takes them all). */
export const ALL_OPTIONS: readonly RemedyOption[] = REMEDY_ORDER.flatMap(
  (id) => REMEDY_OPTIONS[id],
);

/** The runbook's own option besides its remedies': a short throughput test before and after. */
export const RUNBOOK_TEST_OPTION = 'test';

/** The keys `params()` of remedy `id` accepts. */
export const optionKeys = (id: RemedyId): string[] => REMEDY_OPTIONS[id].map((o) => o.key);

/** The options of `raw` that remedy `id` takes (the runbook hands each remedy its own). */
export function optionsOfRemedy(
  id: RemedyId,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    REMEDY_OPTIONS[id].filter((o) => raw[o.key] !== undefined).map((o) => [o.key, raw[o.key]]),
  );
}

/** The options a job takes, by job name: a remedy's own, or for the runbook every remedy's. */
export function optionsOfJob(job: string): readonly RemedyOption[] {
  return (REMEDY_ORDER as readonly string[]).includes(job)
    ? REMEDY_OPTIONS[job as RemedyId]
    : ALL_OPTIONS;
}

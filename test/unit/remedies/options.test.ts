// A remedy's options are named once (lib/remedies/options.ts): each remedy accepts exactly its own, the runbook
// all of them under the same names, and the form sends each job only the options it takes.
import { describe, expect, it } from 'vitest';
import { optionsFor } from '@/components/jobs/remedy-options';
import { REMEDY_ORDER } from '@/lib/diagnosis/remedies';
import { ValidationError } from '@/lib/errors';
import { runbookParams } from '@/lib/jobs/runbook';
import { remedyModule } from '@/lib/remedies';
import { ALL_OPTIONS, REMEDY_OPTIONS } from '@/lib/remedies/options';
import { DEFAULT_REMEDY_DEFAULTS } from '@/lib/remedies/settings';

const GOOD: Record<string, unknown> = {
  version: '1.16.0',
  indexUrl: '',
  size: '2g',
  composeFile: true,
  batchSize: '1',
};

function issues(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  return [];
}

describe('remedy options', () => {
  it('each remedy takes its own options and refuses every other one by name', () => {
    for (const id of REMEDY_ORDER) {
      const own = REMEDY_OPTIONS[id].map((o) => o.key);
      const mine = Object.fromEntries(own.map((k) => [k, GOOD[k]]));
      expect(
        issues(() => remedyModule(id).params(mine, DEFAULT_REMEDY_DEFAULTS)),
        id,
      ).toEqual([]);
      for (const other of ALL_OPTIONS.filter((o) => !own.includes(o.key))) {
        const got = issues(() =>
          remedyModule(id).params({ [other.key]: GOOD[other.key] }, DEFAULT_REMEDY_DEFAULTS),
        );
        expect(got, `${id} given ${other.key}`).toEqual([
          { field: other.key, message: 'is not an option of this remedy' },
        ]);
      }
    }
  });

  it('the runbook takes them all under the same names and names a bad one as given', () => {
    const params = runbookParams({ ...GOOD, test: true }, DEFAULT_REMEDY_DEFAULTS);
    expect(params.get('batch-size')).toEqual({ batchSize: 1 });
    expect(params.get('pin-ort')).toMatchObject({ version: '1.16.0' });
    const bad = issues(() => runbookParams({ batchSize: 'abc' }, DEFAULT_REMEDY_DEFAULTS));
    expect(bad.map((i) => i.field)).toEqual(['batchSize']);
  });

  it('the form sends a job only its own options; the runbook gets all and its test', () => {
    const form = { version: '1.16.0', size: '', batchSize: '2', composeFile: true, test: true };
    expect(optionsFor('batch-size', form)).toEqual({ batchSize: '2' });
    expect(optionsFor('shm', form)).toEqual({ composeFile: true });
    expect(optionsFor('restart', form)).toEqual({});
    expect(optionsFor('fix-queue-blocking', form)).toEqual({
      version: '1.16.0',
      composeFile: true,
      batchSize: '2',
      test: true,
    });
  });
});

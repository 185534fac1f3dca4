import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { shm } from '@/lib/remedies/modules/shm';
import { DEFAULT_REMEDY_DEFAULTS as D } from '@/lib/remedies/settings';

const fieldsOf = (raw: Record<string, unknown>): string[] => {
  try {
    shm.params(raw, D);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
};

describe('shm params', () => {
  it('defaults to the admin shm size and leaves the compose file alone', () => {
    expect(shm.params({}, D)).toEqual({ size: D.shmSizeBytes, composeFile: false });
  });

  it('reads sizes as an operator writes them', () => {
    expect(shm.params({ size: '2g' }, D).size).toBe(2 * 1024 ** 3);
    expect(shm.params({ size: '512m', composeFile: true }, D)).toEqual({
      size: 512 * 1024 ** 2,
      composeFile: true,
    });
  });

  it.each(['abc', '0', '-1', '2g; id', '999999g', '$(id)', ''])(
    'refuses size %j, naming the field',
    (size) => {
      expect(() => shm.params({ size }, D)).toThrow(ValidationError);
      expect(fieldsOf({ size })).toContain('size');
    },
  );

  it('refuses a non-boolean composeFile and unknown options', () => {
    expect(fieldsOf({ composeFile: 'yes' })).toContain('composeFile');
    expect(fieldsOf({ sizee: '2g' })).toContain('sizee');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import {
  compileServiceMatcher,
  DEFAULT_SERVICE_PATTERNS,
  getServicePatterns,
  setServicePatterns,
} from '@/lib/settings/service-patterns';
import { useTempDataDir } from './temp-data';

let tmp: ReturnType<typeof useTempDataDir>;
beforeEach(() => (tmp = useTempDataDir()));
afterEach(() => tmp.dispose());

describe('service container patterns', () => {
  it('match the lab and production names by default, and nothing else', () => {
    const m = compileServiceMatcher(DEFAULT_SERVICE_PATTERNS);
    expect(
      m({
        name: 'starpainting-digital-human-service-1',
        image: 'dh-lab/heygem:latest',
        labels: {},
      }),
    ).toBe(true);
    expect(m({ name: 'x', image: 'registry.local/HeyGem-linux:1.2', labels: {} })).toBe(true);
    expect(
      m({
        name: 'postgres-1',
        image: 'postgres:16',
        labels: { 'com.docker.compose.service': 'db' },
      }),
    ).toBe(false);
  });

  it('are admin-editable, validated and audited', async () => {
    const set = await setServicePatterns(CLI_ADMIN, {
      image: [],
      name: [],
      label: ['^com\\.docker\\.compose\\.service=digital'],
    });
    expect(await getServicePatterns()).toEqual(set);
    const m = compileServiceMatcher(set);
    expect(
      m({
        name: 'a',
        image: 'b',
        labels: { 'com.docker.compose.service': 'digital-human-service' },
      }),
    ).toBe(true);
    await expect(
      setServicePatterns(CLI_ADMIN, { image: ['('], name: [], label: [] }),
    ).rejects.toThrow(/image.0: must be a valid regular expression/);
    await expect(
      setServicePatterns(
        { user: { id: 'v', username: 'v', role: 'viewer' }, via: 'web' },
        DEFAULT_SERVICE_PATTERNS,
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getServicePatterns()).toEqual(set);
  });
});

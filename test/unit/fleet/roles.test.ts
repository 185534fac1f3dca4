// Which containers are services: the originals the shm re-creation keeps for undo, the container it is creating and
// Compose one-off runs are not, even when their names match the service patterns.
import { describe, expect, it } from 'vitest';
import { REPLACES_LABEL, replacedIds, roleOf } from '@/lib/fleet/roles';
import { compileServiceMatcher, DEFAULT_SERVICE_PATTERNS } from '@/lib/settings/service-patterns';

const isService = compileServiceMatcher(DEFAULT_SERVICE_PATTERNS);
const ORIGINAL = 'a'.repeat(64);
const c = (
  id: string,
  name: string,
  labels: Record<string, string> = {},
  image = 'dh-lab/heygem:latest',
) => ({ id, name, image, labels });

describe('container roles', () => {
  it('tells the service from the original kept for undo, by name and by the label the console set', () => {
    const fleet = [
      c('b'.repeat(64), 'starpainting-digital-human-service-1', { [REPLACES_LABEL]: ORIGINAL }),
      c(ORIGINAL, 'starpainting-digital-human-service-1-dhc-old-20261202T160129Z'),
      c('c'.repeat(64), 'heygem-digital-human-service-1-dhc-new'),
      c('d'.repeat(64), 'heygem-digital-human-service-run-1', {
        'com.docker.compose.oneoff': 'True',
      }),
      c('e'.repeat(64), 'redis', {}, 'redis:7'),
    ];
    const replaced = replacedIds(fleet);
    expect(fleet.map((x) => roleOf(x, isService, replaced))).toEqual([
      'service',
      'kept_original',
      'recreating',
      'oneoff',
      'other',
    ]);
    // Renamed by hand: the label still says it is the kept original.
    expect(roleOf(c(ORIGINAL, 'renamed-digital-human'), isService, replaced)).toBe('kept_original');
  });

  it('makes the original a service again after undo (the re-created one is set aside, its label no longer counts)', () => {
    const fleet = [
      c(ORIGINAL, 'starpainting-digital-human-service-1'),
      c('b'.repeat(64), 'starpainting-digital-human-service-1-dhc-undone-20261202T170000Z', {
        [REPLACES_LABEL]: ORIGINAL,
      }),
    ];
    const replaced = replacedIds(fleet);
    expect(fleet.map((x) => roleOf(x, isService, replaced))).toEqual(['service', 'kept_original']);
  });
});

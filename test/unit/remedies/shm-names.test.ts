import { describe, expect, it } from 'vitest';
import { commitRepo } from '@/lib/remedies/modules/shm';

describe('the commit image of the shm re-creation', () => {
  it('keeps the original image repository, so the service is still recognised by its image name', () => {
    expect(commitRepo('dh-lab/heygem:latest', 'x')).toBe('dh-lab/heygem');
    expect(commitRepo('registry.example.com:5000/team/heygem-linux:v2', 'x')).toBe(
      'registry.example.com:5000/team/heygem-linux',
    );
    expect(commitRepo('heygem@sha256:' + 'a'.repeat(64), 'x')).toBe('heygem');
  });

  it('falls back to dh-console/<name> for an image given by id', () => {
    expect(commitRepo('sha256:' + 'b'.repeat(64), 'Star_Painting-1')).toBe(
      'dh-console/star-painting-1',
    );
  });
});

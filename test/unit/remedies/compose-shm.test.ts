import { describe, expect, it } from 'vitest';
import { shmSizeOf } from '@/lib/probes/compose';
import { composeSize, setComposeShmSize } from '@/lib/remedies/modules/shm/compose-edit';

const FILE = `# starpainting: the digital-human service
name: starpainting
services:
  digital-human-service:
    image: dh-lab/heygem:latest
    network_mode: host   # GPU box
    environment:
      - TZ=Asia/Shanghai
  other:
    image: redis
volumes:
  data: {}
`;

describe('setComposeShmSize', () => {
  it("inserts shm_size under the service at its children's indentation, nothing else changes", () => {
    const r = setComposeShmSize(FILE, 'digital-human-service', '2gb');
    expect(r).toMatchObject({ changed: true, previous: null });
    expect(r.text).toBe(
      FILE.replace('  digital-human-service:\n', '  digital-human-service:\n    shm_size: 2gb\n'),
    );
    expect(shmSizeOf(r.text, 'digital-human-service')).toBe('2gb');
    expect(shmSizeOf(r.text, 'other')).toBeNull();
  });

  it('replaces an existing value in place, keeping its comment; the same value is no change', () => {
    const withShm = FILE.replace(
      '    network_mode: host',
      '    shm_size: "64m"  # default\n    network_mode: host',
    );
    const r = setComposeShmSize(withShm, 'digital-human-service', '2gb');
    expect(r.previous).toBe('64m');
    expect(r.text).toBe(withShm.replace('shm_size: "64m"  # default', 'shm_size: 2gb  # default'));
    expect(setComposeShmSize(r.text, 'digital-human-service', '2gb')).toMatchObject({
      changed: false,
      previous: '2gb',
    });
  });

  it('keeps CRLF line endings and touches only the named service', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    const r = setComposeShmSize(crlf, 'other', '1gb');
    expect(r.text).toBe(crlf.replace('  other:\r\n', '  other:\r\n    shm_size: 1gb\r\n'));
    expect(shmSizeOf(r.text, 'digital-human-service')).toBeNull();
  });

  it('refuses a missing service and values that are not sizes', () => {
    expect(() => setComposeShmSize(FILE, 'nope', '2gb')).toThrow(/not found/);
    expect(() => setComposeShmSize(FILE, 'other', '2g; id')).toThrow(/not a compose size/);
  });

  it('formats sizes the way compose reads them', () => {
    expect(composeSize(2 * 1024 ** 3)).toBe('2gb');
    expect(composeSize(512 * 1024 ** 2)).toBe('512mb');
  });
});

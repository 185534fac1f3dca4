import { describe, expect, it } from 'vitest';
import { ProbeState, probeHost } from '@/lib/probes/run';
import type { ProbeTransport } from '@/lib/probes/transport';

describe('ProbeState', () => {
  it('forgets containers that are gone from their host, and only those', () => {
    const s = new ProbeState();
    const a = s.watch('h1', 'a');
    s.watch('h1', 'b');
    s.watch('h2', 'a');
    s.retain('h1', ['a']);
    expect(s.size).toBe(2);
    expect(s.watch('h1', 'a')).toBe(a);
    s.forgetHost('h2');
    expect(s.size).toBe(1);
  });

  it('a probe round drops the watches of removed containers (no growth over re-creations)', async () => {
    const s = new ProbeState();
    let ids = ['c1', 'c2'];
    const t = {
      listServiceContainers: async () => ids.map((id) => ({ id, name: id })),
      execOnHost: async () => ({ code: 127, stdout: '', stderr: 'nvidia-smi: not found' }),
      inspect: async () => null,
      execInContainer: async () => ({ code: 1, stdout: '', stderr: 'no python' }),
    } as unknown as ProbeTransport;
    await probeHost(t, 'h1', s);
    expect(s.size).toBe(2);
    for (let i = 0; i < 20; i++) {
      ids = [`c-${i}`];
      await probeHost(t, 'h1', s);
    }
    expect(s.size).toBe(1);
  });
});

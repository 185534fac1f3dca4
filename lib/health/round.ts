// Turns one container's probe report into what the store keeps of it: the round's figures, and each new log event
// with its moment in UTC and its stable key, so the charts count an event once, in the minute it happened.
import type { ContainerReport } from '@/lib/probes/container';
import { HEALTH_LEVEL } from './fold';
import type { ContainerRound } from './samples';

export function roundOf(r: ContainerReport): ContainerRound {
  const t = Math.floor(Date.parse(r.at) / 1000);
  const events = r.newHits.flatMap((h) =>
    h.at === null ? [] : [{ key: h.key, t: Math.floor(h.at / 1000), signature: h.signature }],
  );
  return {
    hostId: r.hostId,
    container: r.container.name,
    t,
    sample: {
      health: HEALTH_LEVEL[r.diagnosis.health],
      gpuUtil: r.gpu?.available ? r.gpu.utilPct : null,
      gpuMemMiB: r.gpu?.available ? r.gpu.memUsedMiB : null,
      queueFull: 0,
      hits: 0,
      rounds: 1,
    },
    events,
  };
}

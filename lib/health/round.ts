// Turns one container's probe report into what the store keeps of it: the round's figures, and when (in UTC) each
// new signature hit happened by its log line, so a first contact's backlog lands in the minutes it was logged.
import type { ContainerReport } from '@/lib/probes/container';
import { HEALTH_LEVEL } from './fold';
import type { ContainerRound } from './samples';

/** Container clocks write local time without a zone: the offset is what separates it from UTC now (15-min steps). */
export function clockOffsetS(nowLocal: string | undefined, atIso: string): number {
  if (!nowLocal) return 0;
  const local = Date.parse(`${nowLocal.replace(' ', 'T')}Z`);
  if (!Number.isFinite(local)) return 0;
  return Math.round((local - Date.parse(atIso)) / 900_000) * 900;
}

export function roundOf(r: ContainerReport): ContainerRound {
  const t = Math.floor(Date.parse(r.at) / 1000);
  const offset = clockOffsetS(r.probe?.nowLocal, r.at);
  const minute = Math.floor(t / 60);
  let queueFull = 0;
  let hits = 0;
  const hitTimes: { t: number; queueFull: boolean }[] = [];
  for (const h of r.newHits) {
    const local = h.time ? Date.parse(`${h.time.replace(' ', 'T')}Z`) : Number.NaN;
    const at = Number.isFinite(local) ? Math.floor(local / 1000) - offset : null;
    // Undated hits, and hits dated now or (clock skew) later, count in this round's minute; older ones in theirs.
    if (at === null || Math.floor(at / 60) >= minute) {
      hits++;
      if (h.signature === 'queue_full') queueFull++;
    } else hitTimes.push({ t: at, queueFull: h.signature === 'queue_full' });
  }
  return {
    hostId: r.hostId,
    container: r.container.name,
    t,
    sample: {
      health: HEALTH_LEVEL[r.diagnosis.health],
      gpuUtil: r.gpu?.available ? r.gpu.utilPct : null,
      gpuMemMiB: r.gpu?.available ? r.gpu.memUsedMiB : null,
      queueFull,
      hits,
      rounds: 1,
    },
    hitTimes,
  };
}

// What a running lab instance consists of, recorded as it is built so that `down` stops exactly that and no more.
import fs from 'node:fs';
import type { LabConfig } from './config';
import type { Proc } from './daemons';

export interface LabState {
  id: string;
  subnet: string;
  hostCount: number;
  startedAt: string;
  ready: boolean; // false while `up` is still building; a crashed `up` leaves it false
  image?: string; // cache key of the heygem image imported into the engines
  procs: Proc[];
  netns: string[];
}

export function readState(cfg: LabConfig): LabState | undefined {
  try {
    return JSON.parse(fs.readFileSync(cfg.stateFile, 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}

export function writeState(cfg: LabConfig, s: LabState): void {
  fs.mkdirSync(cfg.stateDir, { recursive: true, mode: 0o755 });
  const tmp = `${cfg.stateFile}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(s, null, 2)}\n`);
  fs.renameSync(tmp, cfg.stateFile);
}

export function findProc(s: LabState, role: string): Proc | undefined {
  return s.procs.find((p) => p.role === role);
}

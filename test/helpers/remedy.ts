// Drives one remedy module directly (prepare → run steps → verify, or the undo of an earlier apply) against a lab
// container, with the same context the jobs engine gives it. Hosts are registered in a temp data dir.
import fs from 'node:fs';
import { CLI_ADMIN } from '@/lib/auth/types';
import { addHost, trustHostKey, type HostView } from '@/lib/hosts/service';
import { remote } from '@/lib/remote';
import { remoteContext } from '@/lib/remedies/context';
import { runSteps, type StepsOutcome } from '@/lib/remedies/run-steps';
import { DEFAULT_REMEDY_DEFAULTS, type RemedyDefaults } from '@/lib/remedies/settings';
import type { Plan, Remedy, RemedyContext, Target, Verification } from '@/lib/remedies/types';
import { useTempDataDir } from '../unit/core/temp-data';
import { afterAll, beforeAll } from 'vitest';
import { createServiceContainer, labStatus, removeContainer, type LabStatus } from './lab';

export interface LabConsole {
  lab: LabStatus;
  hosts: Map<string, HostView>;
  /** The temp console data directory (also in process.env.CONSOLE_DATA_DIR, so a child `dhc` shares it). */
  dataDir: string;
  dispose(): void;
}

/** A temp console data dir with every lab host added and its key trusted. */
export async function labConsole(): Promise<LabConsole> {
  const lab = await labStatus();
  // biome-ignore lint/correctness/useHookAtTopLevel: a test helper named use…, not a React hook
  const tmp = useTempDataDir();
  remote.resetForTests();
  const hosts = new Map<string, HostView>();
  for (const h of lab.hosts) {
    const view = await addHost(CLI_ADMIN, {
      name: h.name,
      address: h.address,
      port: h.port,
      user: h.user,
      privateKey: fs.readFileSync(h.keyFile, 'utf8'),
      dockerSocket: h.dockerSocket,
      groups: ['lab'],
    });
    hosts.set(h.name, await trustHostKey(CLI_ADMIN, view.id, h.fingerprint));
  }
  return {
    lab,
    hosts,
    dataDir: tmp.dir,
    dispose() {
      remote.resetForTests();
      tmp.dispose();
    },
  };
}

export interface RemedyRun {
  plan: Plan;
  outcome: StepsOutcome;
  verification: Verification | null;
  log: string[];
}

export function contextFor(
  target: Target,
  log: string[] = [],
  signal?: AbortSignal,
): RemedyContext {
  return remoteContext(target, { log: (l) => log.push(l), signal });
}

export async function applyRemedy<P extends Record<string, unknown>>(
  remedy: Remedy<P>,
  target: Target,
  raw: Record<string, unknown> = {},
  defaults: RemedyDefaults = DEFAULT_REMEDY_DEFAULTS,
): Promise<RemedyRun> {
  const log: string[] = [];
  const ctx = contextFor(target, log);
  const params = remedy.params(raw, defaults);
  const prepared = await remedy.prepare(ctx, params, defaults);
  const outcome = await runSteps(ctx, prepared.steps);
  const verification = outcome.ok ? await remedy.verify(ctx, prepared.plan) : null;
  return { plan: prepared.plan, outcome, verification, log };
}

export async function undoRemedy(
  remedy: Remedy,
  target: Target,
  undo: unknown,
): Promise<RemedyRun> {
  const log: string[] = [];
  const ctx = contextFor(target, log);
  const prepared = await remedy.prepareUndo(ctx, undo);
  const outcome = await runSteps(ctx, prepared.steps);
  const verification = outcome.ok ? await remedy.verify(ctx, prepared.plan) : null;
  return { plan: prepared.plan, outcome, verification, log };
}

/**
 * A lab console and a broken scratch service container for one test file (created before its tests, removed after),
 * so each fault test sets up the same way: `const s = scratchService('h1', 'rx-x-1', 7919)`, then `s.hostId()`.
 */
export function scratchService(
  host: string,
  name: string,
  port: number,
): { console: () => LabConsole; hostId: () => string } {
  let lc: LabConsole | undefined;
  beforeAll(async () => {
    lc = await labConsole();
    await createServiceContainer(host, { name, port, state: 'broken' });
  }, 300_000);
  afterAll(async () => {
    await removeContainer(host, name).catch(() => undefined);
    lc?.dispose();
  });
  return { console: () => lc!, hostId: () => lc!.hosts.get(host)!.id };
}

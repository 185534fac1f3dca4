// One lab host's Docker engine stopped and started again, as a host admin's `systemctl restart docker` (or a crash and
// a restart) would do it: dockerd found by its PID file, TERM (it stops the containers, --shutdown-timeout 3), started
// again with the lab's own arguments (test/lab/daemons.ts) and recorded in the lab's state, so `lab:status`, `up` and
// `down` know the new process. Its containerd keeps running, as it does under systemd.
import fs from 'node:fs';
import { hostByName } from '../lab/config';
import { dockerApi, startDockerd } from '../lab/daemons';
import { alive, cmdline } from '../lab/exec';
import { type ContainerInfo, listContainers, waitServing, waitWorkers } from '../lab/fleet';
import { runningConfig } from '../lab/lab';
import { readState, writeState } from '../lab/state';
import { waitFor } from './wait';

function paths(host: string) {
  const cfg = runningConfig();
  return { cfg, h: hostByName(cfg, host) };
}

/** The PID in the host's dockerd PID file, checked to be that dockerd; undefined when it is not running. */
export function enginePid(host: string): number | undefined {
  const { h } = paths(host);
  const pid = Number(
    fs.existsSync(h.dockerPidfile) ? fs.readFileSync(h.dockerPidfile, 'utf8').trim() : NaN,
  );
  return Number.isInteger(pid) && alive(pid) && (cmdline(pid) ?? '').includes(h.dockerSocket)
    ? pid
    : undefined;
}

/** TERM to the host's dockerd; resolves once the process is gone. Returns its PID. */
export async function stopEngine(host: string, ms = 30_000): Promise<number> {
  const pid = enginePid(host);
  if (pid === undefined)
    throw new Error(
      `lab: ${host}'s dockerd is not running (PID file ${paths(host).h.dockerPidfile})`,
    );
  process.kill(pid, 'SIGTERM');
  await waitFor(`${host}'s dockerd (PID ${pid}) to exit`, ms, async () => !alive(pid));
  return pid;
}

/** Starts the host's dockerd again (no-op when it runs); resolves once its socket answers. Returns its PID. */
export async function startEngine(host: string): Promise<number> {
  const running = enginePid(host);
  if (running !== undefined) return running;
  const { cfg, h } = paths(host);
  const p = await startDockerd(h, cfg.logDir);
  const st = readState(cfg);
  if (st) writeState(cfg, { ...st, procs: st.procs.map((x) => (x.role === p.role ? p : x)) });
  return p.pid;
}

/** The host's containers as the engine lists them (name, id, Docker status, lab labels). */
export function containersOf(host: string): Promise<ContainerInfo[]> {
  return listContainers(paths(host).h);
}

/**
 * Puts back what `before` found running: starts each such container the engine did not bring back by itself, then
 * waits until every one serves its port with its workers ready, as `lab:up` leaves them.
 */
export async function restoreRunning(host: string, before: ContainerInfo[]): Promise<string[]> {
  const { h } = paths(host);
  const now = new Map((await listContainers(h)).map((c) => [c.id, c]));
  const started: string[] = [];
  // Only what still exists: a container removed since (by its own test) is not brought back.
  for (const c of before.filter((x) => x.status === 'running' && now.has(x.id))) {
    if (now.get(c.id)!.status !== 'running') {
      const r = await dockerApi(h.dockerSocket, `/containers/${c.id}/start`, 'POST');
      if (r.status !== 204 && r.status !== 304)
        throw new Error(`lab: starting ${c.name} on ${host}: ${r.status} ${r.body}`);
      started.push(c.name);
    }
    if (c.port) {
      await waitServing(h, c.port);
      await waitWorkers(h, c.name);
    }
  }
  return started;
}

// The running lab (LAB_ID, default dhlab), for tests: its status, host keys, service containers and a way to run a
// command inside a test host. Tests that change a container use a scratch one or reset it: others expect the default fleet.
import fs from 'node:fs';
import path from 'node:path';
import { hostByName, type HostPaths, type LabConfig } from '../lab/config';
import { run, type RunOptions, type RunResult } from '../lab/exec';
import * as fleet from '../lab/fleet';
import { type HostStatus, type LabStatus, runningConfig, status } from '../lab/lab';
import { netnsPath } from '../lab/netns';
import { newKey, serveHostKey } from '../lab/sshd';
import { findProc, readState } from '../lab/state';

export type { ContainerInfo, ServiceState } from '../lab/fleet';
export type { HostStatus, LabStatus };
export type HostRef = string | { name: string };

function resolve(ref: HostRef): { cfg: LabConfig; h: HostPaths } {
  const cfg = runningConfig();
  return { cfg, h: hostByName(cfg, typeof ref === 'string' ? ref : ref.name) };
}

/** What `npm run -s lab:status -- --json` prints. Throws when the lab is not up. */
export function labStatus(): Promise<LabStatus> {
  return status(runningConfig());
}

export async function labHost(ref: HostRef): Promise<HostStatus> {
  const name = typeof ref === 'string' ? ref : ref.name;
  const h = (await labStatus()).hosts.find((x) => x.name === name);
  if (!h) throw new Error(`lab: no host ${name}`);
  return h;
}

function sshdPid(cfg: LabConfig, h: HostPaths): number {
  const st = readState(cfg);
  const p = st && findProc(st, `${h.name}/sshd`);
  if (!p) throw new Error(`lab: no sshd recorded for ${h.name}: is the lab up?`);
  return p.pid;
}

/** Makes the host's sshd serve a brand-new host key; returns its fingerprint. Undo with restoreHostKey. */
export async function rotateHostKey(ref: HostRef): Promise<string> {
  const { cfg, h } = resolve(ref);
  const key = path.join(h.dir, 'ssh_host_ed25519_key.rotated');
  await newKey(key, `${h.name}-rotated@${cfg.id}`);
  return serveHostKey(h, sshdPid(cfg, h), key);
}

/** Back to the host key the lab printed at start-up; returns its fingerprint. */
export async function restoreHostKey(ref: HostRef): Promise<string> {
  const { cfg, h } = resolve(ref);
  return serveHostKey(h, sshdPid(cfg, h), h.hostKey);
}

/** Re-creates a default-fleet container in its default state (a few seconds). */
export async function resetContainer(ref: HostRef, name: string): Promise<void> {
  const { cfg, h } = resolve(ref);
  await fleet.resetContainer(cfg, h, name);
}

/** A service container of your own (scratch), created like the fleet's and serving when this resolves. */
export async function createServiceContainer(
  ref: HostRef,
  spec: fleet.ContainerSpec,
): Promise<fleet.ContainerInfo> {
  const { cfg, h } = resolve(ref);
  await fleet.removeContainer(h, spec.name);
  await fleet.createServiceContainer(cfg, h, spec);
  const c = (await fleet.listContainers(h)).find((x) => x.name === spec.name);
  if (!c) throw new Error(`lab: ${spec.name} vanished right after it was created`);
  return c;
}

export async function removeContainer(ref: HostRef, name: string): Promise<void> {
  const { h } = resolve(ref);
  await fleet.removeContainer(h, name);
}

/**
 * Runs argv inside the host's network namespace, with that host's DOCKER_HOST and its bin/ (nvidia-smi) first on
 * PATH, as an SSH session there would have: e.g. inHost('h1', ['docker', 'exec', name, 'cat', '/tmp/gradio.log']).
 */
export async function inHost(
  ref: HostRef,
  argv: string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const { h } = resolve(ref);
  if (argv.length === 0) throw new Error('lab: inHost needs a command');
  const env = {
    ...process.env,
    ...opts.env,
    DOCKER_HOST: `unix://${h.dockerSocket}`,
    PATH: `${h.binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  };
  return run('nsenter', [`--net=${netnsPath(h.netns)}`, '--', ...argv], { ...opts, env });
}

/**
 * PIDs of the sshd processes that serve the SSH connections *this* process has open to the host (matched by our
 * source ports, seen from both ends with `ss`), plus any sshd above them short of the listener: what a test stops
 * (SIGSTOP) to make exactly those connections hang while the host keeps accepting new ones.
 */
export async function sshSessionPids(ref: HostRef): Promise<number[]> {
  const { cfg, h } = resolve(ref);
  const listener = sshdPid(cfg, h);
  const cols = (out: string) =>
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/));
  const ours = await run('ss', [
    '-tnpH',
    'state',
    'established',
    `( dst ${h.address} and dport = :22 )`,
  ]);
  const ports = new Set(
    cols(ours.stdout)
      .filter((c) => c.join(' ').includes(`pid=${process.pid},`))
      .map((c) => c[2]!.split(':').pop()),
  );
  const theirs = await inHost(ref, ['ss', '-tnpH', 'state', 'established', '( sport = :22 )']);
  const pids = new Set<number>();
  for (const c of cols(theirs.stdout)) {
    if (!ports.has(c[3]!.split(':').pop())) continue;
    for (const m of c.join(' ').matchAll(/pid=(\d+)/g)) {
      // Up the tree to the listener: a privilege-separated session has a [priv] monitor above the network child.
      for (
        let p = Number(m[1]);
        p > 1 && p !== listener;
        p = Number(
          fs
            .readFileSync(`/proc/${p}/stat`, 'utf8')
            .replace(/^.*\) /s, '')
            .split(' ')[1],
        )
      ) {
        if (fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'sshd') pids.add(p);
      }
    }
  }
  return [...pids].sort((a, b) => a - b);
}

/** Appends one line to a service container's /tmp/gradio.log, as the service would (the text as an argument). */
export function appendServiceLog(
  ref: HostRef,
  container: string,
  line: string,
): Promise<RunResult> {
  const script = 'printf "%s\\n" "$1" >> /tmp/gradio.log';
  return inHost(ref, ['docker', 'exec', container, 'sh', '-c', script, 'sh', line]);
}

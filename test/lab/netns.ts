// One network namespace per test host, joined to the machine by a veth pair on its own /24. No default route inside:
// a host's processes can reach the machine's end of its veth and their own loopback, nothing else.
import fs from 'node:fs';
import { must, run, stopProcess, cmdline } from './exec';

export interface NetnsSpec {
  netns: string;
  vethOut: string;
  vethIn: string;
  outsideAddress: string;
  address: string;
}

export const netnsPath = (netns: string) => `/run/netns/${netns}`;

export async function createNetns(s: NetnsSpec): Promise<void> {
  await must('ip', ['netns', 'add', s.netns]);
  await must('ip', ['link', 'add', s.vethOut, 'type', 'veth', 'peer', 'name', s.vethIn]);
  await must('ip', ['link', 'set', s.vethIn, 'netns', s.netns]);
  await must('ip', ['addr', 'add', `${s.outsideAddress}/24`, 'dev', s.vethOut]);
  await must('ip', ['link', 'set', s.vethOut, 'up']);
  await must('ip', ['-n', s.netns, 'addr', 'add', `${s.address}/24`, 'dev', s.vethIn]);
  await must('ip', ['-n', s.netns, 'link', 'set', s.vethIn, 'up']);
  await must('ip', ['-n', s.netns, 'link', 'set', 'lo', 'up']);
}

export function netnsExists(netns: string): boolean {
  return fs.existsSync(netnsPath(netns));
}

/** PIDs of every process inside the namespace: all of them were started by the lab (daemons, shims, containers). */
export async function netnsPids(netns: string): Promise<number[]> {
  if (!netnsExists(netns)) return [];
  const r = await run('ip', ['netns', 'pids', netns]);
  return r.stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** Ends what is left in the namespace, then removes the veth and the namespace. */
export async function deleteNetns(s: NetnsSpec): Promise<void> {
  for (const pid of await netnsPids(s.netns)) await stopProcess(pid, cmdline(pid) ?? '\0', 3_000);
  if (fs.existsSync(`/sys/class/net/${s.vethOut}`)) await run('ip', ['link', 'del', s.vethOut]);
  if (netnsExists(s.netns)) await must('ip', ['netns', 'del', s.netns]);
}

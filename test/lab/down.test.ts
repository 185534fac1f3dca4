// lab:down leaves nothing behind: a second, one-host lab instance is brought up beside the default one and down again.
// (Its engine's data-root under /var/cache/dh-lab/engines/ is image cache and stays, holding no container.)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { labConfig } from './config';
import { mountsUnder } from './mounts';

const execFileP = promisify(execFile);
const env = { ...process.env, LAB_ID: 'dhlabt', LAB_SUBNET: '10.252', LAB_HOSTS: '1' };
const cfg = labConfig(env);
const lab = (verb: string, ...args: string[]) =>
  execFileP('npx', ['tsx', 'test/lab/cli.ts', verb, ...args], { env, maxBuffer: 16 << 20 });

/** Every trace a lab instance can leave: processes mentioning its paths or in its namespaces, namespaces, links, mounts, files. */
function leftovers(): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cl = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cl.includes(cfg.stateDir) || cl.includes(cfg.runDir) || cl.includes(`${cfg.id}-`))
        found.push(`process ${pid}: ${cl}`);
    } catch {
      /* gone */
    }
  }
  if (fs.existsSync('/run/netns'))
    for (const n of fs.readdirSync('/run/netns'))
      if (n.startsWith(`${cfg.id}-`)) found.push(`netns ${n}`);
  for (const l of fs.readdirSync('/sys/class/net'))
    if (l.startsWith(`${cfg.id}-`)) found.push(`link ${l}`);
  for (const m of mountsUnder([cfg.stateDir, cfg.runDir, ...cfg.hosts.map((h) => h.dataRoot)]))
    found.push(`mount ${m}`);
  for (const m of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n'))
    if (m.includes(`/run/netns/${cfg.id}-`)) found.push(`mount ${m}`);
  for (const d of [cfg.stateDir, cfg.runDir]) if (fs.existsSync(d)) found.push(`directory ${d}`);
  return found;
}

describe('a second lab instance (dhlabt, one host)', () => {
  afterAll(async () => {
    if (leftovers().length) await lab('down').catch(() => undefined);
  });

  it('comes up beside the default lab and serves SSH and its fleet', async () => {
    expect(leftovers()).toEqual([]);
    const { stdout } = await lab('up', '--json');
    const status = JSON.parse(stdout) as {
      hosts: Array<{ address: string; containers: Array<{ name: string; status: string }> }>;
    };
    expect(status.hosts.map((h) => h.address)).toEqual(['10.252.1.2']);
    expect(status.hosts[0]!.containers.every((c) => c.status === 'running')).toBe(true);
    const live = leftovers();
    expect(live.some((x) => x.startsWith('netns'))).toBe(true);
    expect(live.some((x) => x.includes('dockerd'))).toBe(true);
  });

  it('goes down leaving no process, namespace, veth, mount or state', async () => {
    await lab('down');
    expect(leftovers()).toEqual([]);
  });
});

// Where one lab instance lives: names, addresses and paths, all derived from LAB_ID / LAB_SUBNET / LAB_HOSTS so that
// a second instance (the down-test's) never touches the first one's namespaces, files or processes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAB_DIR = path.dirname(fileURLToPath(import.meta.url));
// LAB_PAYLOAD_DIR: only for developing the payload out of tree.
export const PAYLOAD_DIR = process.env.LAB_PAYLOAD_DIR ?? path.join(LAB_DIR, 'payload');
export const CACHE_DIR = '/var/cache/dh-lab';
export const IMAGE = 'dh-lab/heygem:latest';
export const SSH_PORT = 22;
export const INDEX_PORT = 3141;
export const MAX_HOSTS = 8;

export interface HostPaths {
  name: string; // h1, h2, ...
  index: number;
  netns: string;
  vethOut: string;
  vethIn: string;
  outsideAddress: string;
  address: string;
  dir: string; // persistent per-host files (keys, configs, data-root, bind-mount sources)
  runDir: string; // sockets and pid files
  dockerSocket: string;
  dockerPidfile: string;
  dataRoot: string; // dockerd's: under the image cache, so a warm start finds the image already imported
  containerdRoot: string;
  execRoot: string;
  containerdConfig: string;
  containerdSocket: string;
  dockerConfig: string;
  sshdConfig: string;
  sshdPidfile: string;
  hostKey: string; // the key sshd normally serves; rotateHostKey() swaps in another one
  authorizedKeys: string;
  binDir: string; // first on PATH for SSH sessions: nvidia-smi stand-in
  gpuDir: string; // read by nvidia-smi, bind-mounted into service containers at /run/dh-gpu
  composeDir: string;
  dataDir: string;
  wheelsDir: string;
}

export interface LabConfig {
  id: string;
  subnet: string;
  hostCount: number;
  stateDir: string;
  runDir: string;
  logDir: string;
  stateFile: string;
  clientKey: string;
  fleetFile: string;
  sink: {
    netns: string;
    vethOut: string;
    vethIn: string;
    outsideAddress: string;
    address: string;
    port: number;
  };
  hosts: HostPaths[];
}

function fail(msg: string): never {
  throw new Error(`lab: ${msg}`);
}

export function labConfig(env: NodeJS.ProcessEnv = process.env): LabConfig {
  const id = env.LAB_ID ?? 'dhlab';
  // Interface names are at most 15 bytes: "<id>-h8-o" must fit.
  if (!/^[a-z][a-z0-9]{1,9}$/.test(id))
    fail(`LAB_ID must match [a-z][a-z0-9]{1,9}, got ${JSON.stringify(id)}`);
  const subnet = env.LAB_SUBNET ?? '10.251';
  const m = /^10\.(\d{1,3})$/.exec(subnet);
  if (!m || Number(m[1]) > 255)
    fail(`LAB_SUBNET must look like 10.N (N ≤ 255), got ${JSON.stringify(subnet)}`);
  const hostsRaw = env.LAB_HOSTS ?? '2';
  const hostCount = Number(hostsRaw);
  if (!/^\d+$/.test(hostsRaw) || hostCount < 1 || hostCount > MAX_HOSTS)
    fail(`LAB_HOSTS must be 1..${MAX_HOSTS}, got ${hostsRaw}`);
  const stateDir = `/var/lib/${id}`;
  const runDir = `/run/${id}`;
  const hosts: HostPaths[] = [];
  for (let i = 1; i <= hostCount; i++) {
    const name = `h${i}`;
    const dir = path.join(stateDir, name);
    const run = path.join(runDir, name);
    hosts.push({
      name,
      index: i,
      netns: `${id}-${name}`,
      vethOut: `${id}-${name}-o`,
      vethIn: `${id}-${name}-i`,
      outsideAddress: `${subnet}.${i}.1`,
      address: `${subnet}.${i}.2`,
      dir,
      runDir: run,
      dockerSocket: path.join(run, 'docker.sock'),
      dockerPidfile: path.join(run, 'docker.pid'),
      dataRoot: path.join(CACHE_DIR, 'engines', `${id}-${name}`),
      containerdRoot: path.join(dir, 'containerd'),
      execRoot: path.join(run, 'exec'),
      containerdConfig: path.join(dir, 'containerd.toml'),
      containerdSocket: path.join(run, 'containerd.sock'),
      dockerConfig: path.join(dir, 'daemon.json'),
      sshdConfig: path.join(dir, 'sshd_config'),
      sshdPidfile: path.join(run, 'sshd.pid'),
      hostKey: path.join(dir, 'ssh_host_ed25519_key'),
      authorizedKeys: path.join(dir, 'authorized_keys'),
      binDir: path.join(dir, 'bin'),
      gpuDir: path.join(dir, 'gpu'),
      composeDir: path.join(dir, 'compose'),
      dataDir: path.join(dir, 'data'),
      wheelsDir: path.join(dir, 'wheels'),
    });
  }
  return {
    id,
    subnet,
    hostCount,
    stateDir,
    runDir,
    logDir: path.join(stateDir, 'logs'),
    stateFile: path.join(stateDir, 'state.json'),
    clientKey: path.join(stateDir, 'client_ed25519'),
    fleetFile: env.LAB_FLEET ?? path.join(LAB_DIR, 'fleet.json'),
    sink: {
      netns: `${id}-sink`,
      vethOut: `${id}-sk-o`,
      vethIn: `${id}-sk-i`,
      outsideAddress: `${subnet}.250.1`,
      address: `${subnet}.250.2`,
      port: SSH_PORT,
    },
    hosts,
  };
}

export function hostByName(cfg: LabConfig, name: string): HostPaths {
  const h = cfg.hosts.find((x) => x.name === name);
  if (!h)
    fail(
      `no host ${JSON.stringify(name)} in lab ${cfg.id} (hosts: ${cfg.hosts.map((x) => x.name).join(', ')})`,
    );
  return h;
}

// lab up / down / status / reset: the orchestration. Every process and namespace is recorded in state.json as soon as
// it exists, so `down` (also after a failed `up`) stops exactly those.
import fs from 'node:fs';
import path from 'node:path';
import type { HostPaths, LabConfig } from './config';
import { INDEX_PORT, PAYLOAD_DIR, SSH_PORT, labConfig } from './config';
import { alive, cmdline, program, run, spawnDetached, stopProcess, waitFor } from './exec';
import { createNetns, deleteNetns, netnsPath } from './netns';
import { type Proc, startEngine } from './daemons';
import {
  currentHostKey,
  ensureClientKey,
  fingerprintOf,
  serveHostKey,
  setupSshd,
  startSshd,
} from './sshd';
import { heygemTarball, importImage } from './image';
import {
  type ContainerInfo,
  createServiceContainer,
  defaultFleet,
  listContainers,
  removeContainer,
} from './fleet';
import { ensurePackages, requireRoot } from './packages';
import { type LabState, findProc, readState, writeState } from './state';
import { unmountUnder } from './mounts';

type Log = (s: string) => void;

export interface HostStatus {
  name: string;
  address: string;
  port: number;
  user: string;
  keyFile: string;
  fingerprint: string;
  dockerSocket: string;
  containers: ContainerInfo[];
}
export interface LabStatus {
  id: string;
  hosts: HostStatus[];
  sink: { address: string; port: number };
}

/** The config of the instance named by LAB_ID, sized by its state file when it is up (LAB_HOSTS may differ now). */
export function runningConfig(env: NodeJS.ProcessEnv = process.env): LabConfig {
  const cfg = labConfig(env);
  const st = readState(cfg);
  return st ? labConfig({ ...env, LAB_HOSTS: String(st.hostCount), LAB_SUBNET: st.subnet }) : cfg;
}

function procsAlive(st: LabState): boolean {
  return st.procs.every((p) => alive(p.pid) && (cmdline(p.pid) ?? '').includes(p.match));
}

// Accepts connections and never says a word: a hung host for timeout tests. Address and port are arguments.
const SINK_PY =
  'import socket,sys\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\ns.bind((sys.argv[1],int(sys.argv[2])))\ns.listen(256)\nheld=[]\nwhile True:\n    held.append(s.accept()[0])\n';
const PROBE_PY =
  'import sys,urllib.request\nurllib.request.urlopen(sys.argv[1],timeout=2).read()\n';

async function startHost(
  cfg: LabConfig,
  h: HostPaths,
  st: LabState,
  wheels: string,
): Promise<void> {
  const record = (p: Proc) => {
    st.procs.push(p);
    writeState(cfg, st);
  };
  st.netns.push(h.netns);
  writeState(cfg, st);
  await createNetns(h);
  for (const d of [h.dir, h.binDir, h.gpuDir, path.join(h.gpuDir, 'ctx'), h.composeDir, h.dataDir])
    fs.mkdirSync(d, { recursive: true });
  // The host's one GPU: the stand-in's "device node" (ORT uses CUDA only where it exists; nvidia-smi finds its holders).
  fs.writeFileSync(path.join(h.gpuDir, 'nvidia0'), '');
  // A copy, not a link: the stand-in finds its GPU directory next to its own real path.
  fs.copyFileSync(path.join(PAYLOAD_DIR, 'nvidia-smi'), path.join(h.binDir, 'nvidia-smi'));
  fs.chmodSync(path.join(h.binDir, 'nvidia-smi'), 0o755);
  for (const p of await startEngine(h, cfg.logDir)) record(p);
  await setupSshd(cfg, h);
  record(await startSshd(cfg, h));
  const py = program('python3');
  const idx = spawnDetached(
    program('nsenter'),
    [
      `--net=${netnsPath(h.netns)}`,
      '--',
      py,
      path.join(PAYLOAD_DIR, 'index_server.py'),
      '--root',
      wheels,
      '--host',
      '127.0.0.1',
      '--port',
      String(INDEX_PORT),
      '--log',
      `${cfg.logDir}/${h.name}-index.log`,
    ],
    `${cfg.logDir}/${h.name}-index.out`,
  );
  record({ role: `${h.name}/index`, pid: idx, match: 'index_server.py' });
  await waitFor(
    `${h.name} package index`,
    20_000,
    async () =>
      (
        await run(program('nsenter'), [
          `--net=${netnsPath(h.netns)}`,
          '--',
          py,
          '-c',
          PROBE_PY,
          `http://127.0.0.1:${INDEX_PORT}/simple/`,
        ])
      ).code === 0,
    250,
  );
}

async function startSink(cfg: LabConfig, st: LabState): Promise<void> {
  st.netns.push(cfg.sink.netns);
  writeState(cfg, st);
  await createNetns(cfg.sink);
  const pid = spawnDetached(
    program('nsenter'),
    [
      `--net=${netnsPath(cfg.sink.netns)}`,
      '--',
      program('python3'),
      '-c',
      SINK_PY,
      cfg.sink.address,
      String(cfg.sink.port),
    ],
    `${cfg.logDir}/sink.log`,
  );
  st.procs.push({ role: 'sink', pid, match: SINK_PY.slice(0, 20) });
  writeState(cfg, st);
}

export async function up(cfg: LabConfig, log: Log): Promise<LabStatus> {
  requireRoot();
  const old = readState(cfg);
  if (old?.ready && procsAlive(old)) {
    log(`lab ${cfg.id} is already running`);
    return status(runningConfig());
  }
  if (old) {
    log(`lab ${cfg.id} was left half-up or has died: taking it down first`);
    await down(cfg, log);
  }
  await ensurePackages(log);
  const t0 = Date.now();
  const since = () => `[${((Date.now() - t0) / 1000).toFixed(1)} s]`;
  const image = await heygemTarball(log); // before anything starts: it may take minutes, or fail without a payload
  fs.mkdirSync(cfg.logDir, { recursive: true });
  const st: LabState = {
    id: cfg.id,
    subnet: cfg.subnet,
    hostCount: cfg.hostCount,
    startedAt: new Date().toISOString(),
    ready: false,
    procs: [],
    netns: [],
    image: image.key,
  };
  writeState(cfg, st);
  await ensureClientKey(cfg);
  await startSink(cfg, st);
  log(`${since()} starting ${cfg.hostCount} hosts`);
  await Promise.all(cfg.hosts.map((h) => startHost(cfg, h, st, image.wheels)));
  log(`${since()} importing the image into ${cfg.hostCount} engines`);
  await Promise.all(cfg.hosts.map((h) => importImage(h.dockerSocket, image.key, image.tarball)));
  log(`${since()} creating the service containers`);
  const fleet = defaultFleet(cfg);
  await Promise.all(
    cfg.hosts.map(async (h) => {
      // Containers a killed lab left in its (kept) data-root go first.
      for (const c of await listContainers(h)) await removeContainer(h, c.name);
      for (const spec of fleet[h.name] ?? []) await createServiceContainer(cfg, h, spec);
    }),
  );
  st.ready = true;
  writeState(cfg, st);
  log(`lab ${cfg.id} up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return status(cfg);
}

export async function down(cfgIn: LabConfig, log: Log): Promise<void> {
  requireRoot();
  const st = readState(cfgIn);
  const cfg = st
    ? labConfig({
        ...process.env,
        LAB_ID: cfgIn.id,
        LAB_HOSTS: String(st.hostCount),
        LAB_SUBNET: st.subnet,
      })
    : cfgIn;
  const procs = st?.procs ?? [];
  // Remove containers first (SIGKILL) so that dockerd's shutdown has nothing to wait for.
  for (const h of cfg.hosts) {
    const d = procs.find((p) => p.role === `${h.name}/dockerd`);
    if (!d || !alive(d.pid)) continue;
    const containers = await listContainers(h).catch(() => []);
    await Promise.all(containers.map((c) => removeContainer(h, c.name).catch(() => undefined)));
  }
  for (const p of [...procs].reverse()) {
    if (await stopProcess(p.pid, p.match, p.role.endsWith('dockerd') ? 20_000 : 5_000))
      log(`stopped ${p.role} (${p.pid})`);
  }
  for (const s of [...cfg.hosts, cfg.sink]) await deleteNetns(s);
  await unmountUnder([cfg.stateDir, cfg.runDir, ...cfg.hosts.map((h) => h.dataRoot)]);
  fs.rmSync(cfg.runDir, { recursive: true, force: true });
  fs.rmSync(cfg.stateDir, { recursive: true, force: true });
  log(`lab ${cfg.id} is down`);
}

export async function status(cfg: LabConfig): Promise<LabStatus> {
  const st = readState(cfg);
  if (!st?.ready) throw new Error(`lab ${cfg.id} is not up: run \`npm run lab:up\` (as root)`);
  const hosts = await Promise.all(
    cfg.hosts.map(async (h) => ({
      name: h.name,
      address: h.address,
      port: SSH_PORT,
      user: 'root',
      keyFile: cfg.clientKey,
      fingerprint: await fingerprintOf(`${currentHostKey(h)}.pub`),
      dockerSocket: h.dockerSocket,
      containers: await listContainers(h),
    })),
  );
  return { id: cfg.id, hosts, sink: { address: cfg.sink.address, port: cfg.sink.port } };
}

/** Back to the default fleet and host keys without restarting anything else. */
export async function reset(cfg: LabConfig, log: Log): Promise<LabStatus> {
  requireRoot();
  const st = readState(cfg);
  if (!st?.ready) throw new Error(`lab ${cfg.id} is not up: run \`npm run lab:up\``);
  const fleet = defaultFleet(cfg);
  await Promise.all(
    cfg.hosts.map(async (h) => {
      const sshd = findProc(st, `${h.name}/sshd`);
      if (sshd && currentHostKey(h) !== h.hostKey) await serveHostKey(h, sshd.pid, h.hostKey);
      for (const c of await listContainers(h)) await removeContainer(h, c.name);
      for (const spec of fleet[h.name] ?? []) await createServiceContainer(cfg, h, spec);
    }),
  );
  log(`lab ${cfg.id} reset to its default fleet`);
  return status(cfg);
}

export function formatStatus(s: LabStatus): string {
  const lines = [`lab ${s.id}: ${s.hosts.length} host(s)`];
  for (const h of s.hosts) {
    lines.push(
      `${h.name}  ${h.user}@${h.address} port ${h.port}`,
      `    key file     ${h.keyFile}`,
      `    fingerprint  ${h.fingerprint}`,
      `    docker       ${h.dockerSocket}`,
    );
    for (const c of h.containers)
      lines.push(
        `    - ${c.name}  port ${c.port ?? '-'}  ${c.state ?? '-'}  ${c.status}  ${c.image}`,
      );
  }
  lines.push(`sink  ${s.sink.address}:${s.sink.port} (accepts, never answers; nothing on 2200)`);
  return lines.join('\n');
}

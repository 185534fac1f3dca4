// The service containers on the test hosts: created as production ones are (host network, env, bind mounts,
// restart policy, Compose labels where Compose made them), broken or made healthy the way an operator would.
import fs from 'node:fs';
import path from 'node:path';
import type { HostPaths, LabConfig } from './config';
import { IMAGE } from './config';
import { must, program, waitFor } from './exec';
import { dockerApi } from './daemons';

export type ServiceState = 'broken' | 'healthy';

export interface ContainerSpec {
  name: string;
  port: number;
  state: ServiceState;
  compose?: { project: string; service: string };
}

export interface ContainerInfo {
  name: string;
  id: string;
  port: number | null; // the service port the lab gave it (label), null for containers the lab did not create
  state: ServiceState | null; // how the lab set it up (label); what it is now is for the console to find out
  status: string; // Docker's state: running, exited, ...
  image: string;
}

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,127}$/;
const COMPOSE_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const RESERVED_PORTS = new Set([22, 3141]);

export function validateSpec(s: ContainerSpec): ContainerSpec {
  if (!NAME_RE.test(s.name))
    throw new Error(`lab: invalid container name ${JSON.stringify(s.name)}`);
  if (!Number.isInteger(s.port) || s.port < 1024 || s.port > 65535 || RESERVED_PORTS.has(s.port))
    throw new Error(`lab: invalid port ${s.port} for ${s.name}`);
  if (s.state !== 'broken' && s.state !== 'healthy')
    throw new Error(`lab: state must be broken or healthy, got ${JSON.stringify(s.state)}`);
  if (s.compose && !(COMPOSE_RE.test(s.compose.project) && COMPOSE_RE.test(s.compose.service)))
    throw new Error(`lab: invalid compose names for ${s.name}`);
  return s;
}

/** The default fleet (fleet.json, or LAB_FLEET): host name → containers. */
export function defaultFleet(cfg: LabConfig): Record<string, ContainerSpec[]> {
  const raw = JSON.parse(fs.readFileSync(cfg.fleetFile, 'utf8')) as {
    hosts?: Record<string, ContainerSpec[]>;
  };
  const out: Record<string, ContainerSpec[]> = {};
  for (const [host, specs] of Object.entries(raw.hosts ?? {})) out[host] = specs.map(validateSpec);
  return out;
}

export const docker = (h: HostPaths, args: string[], timeoutMs = 120_000) =>
  must(program('docker'), ['-H', `unix://${h.dockerSocket}`, ...args], { timeoutMs });

export async function listContainers(h: HostPaths): Promise<ContainerInfo[]> {
  const r = await dockerApi(h.dockerSocket, '/containers/json?all=1');
  if (r.status !== 200)
    throw new Error(`lab: ${h.name} docker API answered ${r.status}: ${r.body}`);
  type Raw = {
    Id: string;
    Names: string[];
    Image: string;
    State: string;
    Labels: Record<string, string>;
  };
  return (JSON.parse(r.body) as Raw[])
    .map((c) => {
      const port = Number(c.Labels['dh-lab.port']);
      const label = c.Labels['dh-lab.state'];
      const state: ServiceState | null = label === 'broken' || label === 'healthy' ? label : null;
      return {
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        id: c.Id,
        port: Number.isInteger(port) && port > 0 ? port : null,
        state,
        status: c.State,
        image: c.Image,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function composeFile(h: HostPaths, spec: ContainerSpec, env: string[], volumes: string[]): string {
  const c = spec.compose!;
  return [
    `# ${c.project}: the digital-human service (HeyGem), as deployed on ${h.name}`,
    `name: ${c.project}`,
    'services:',
    `  ${c.service}:`,
    `    image: ${IMAGE}`,
    '    network_mode: host',
    '    restart: unless-stopped',
    '    environment:',
    ...env.map((e) => `      - ${e}`),
    '    volumes:',
    ...volumes.map((v) => `      - ${v}`),
    '',
  ].join('\n');
}

/** `docker create` arguments for a service container, writing its Compose file on the host when it has one. */
function createArgs(cfg: LabConfig, h: HostPaths, spec: ContainerSpec): string[] {
  const env = [
    'GRADIO_SERVER_NAME=0.0.0.0',
    `GRADIO_SERVER_PORT=${spec.port}`,
    'TZ=Asia/Shanghai',
    'NVIDIA_VISIBLE_DEVICES=all',
    'NVIDIA_DRIVER_CAPABILITIES=compute,utility',
    'PYTHONIOENCODING=utf-8',
    // Healthy: the remediated environment, and the payload's entrypoint applies the rest (ORT 1.16.0 from the
    // image's wheels, the session-options hook, batch_size 1) once, before the service's first start.
    ...(spec.state === 'healthy'
      ? ['ORT_PARALLEL=0', 'OMP_WAIT_POLICY=ACTIVE', 'DH_LAB_STATE=healthy']
      : []),
  ];
  const data = path.join(h.dataDir, spec.name);
  fs.mkdirSync(data, { recursive: true });
  fs.mkdirSync(h.gpuDir, { recursive: true });
  const volumes = [`${data}:/code/data`, `${h.gpuDir}:/run/dh-gpu`];
  const labels = [`dh-lab.id=${cfg.id}`, `dh-lab.state=${spec.state}`, `dh-lab.port=${spec.port}`];
  if (spec.compose) {
    const dir = path.join(h.composeDir, spec.compose.project);
    const file = path.join(dir, 'docker-compose.yml');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, composeFile(h, spec, env, volumes));
    labels.push(
      `com.docker.compose.project=${spec.compose.project}`,
      `com.docker.compose.service=${spec.compose.service}`,
      'com.docker.compose.container-number=1',
      'com.docker.compose.oneoff=False',
      `com.docker.compose.project.config_files=${file}`,
      `com.docker.compose.project.working_dir=${dir}`,
      'com.docker.compose.version=2.24.6',
    );
  }
  return [
    'create',
    '--name',
    spec.name,
    '--network',
    'host',
    '--restart',
    'unless-stopped',
    ...(spec.state === 'healthy' ? ['--shm-size', '2g'] : []),
    ...env.flatMap((e) => ['-e', e]),
    ...volumes.flatMap((v) => ['-v', v]),
    ...labels.flatMap((l) => ['--label', l]),
    IMAGE,
  ];
}

export async function waitServing(h: HostPaths, port: number, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `the service on ${h.address}:${port}`,
    timeoutMs,
    async () => {
      const res = await fetch(`http://${h.address}:${port}/config`, {
        signal: AbortSignal.timeout(3_000),
      });
      return res.ok;
    },
    250,
  );
}

export async function createServiceContainer(
  cfg: LabConfig,
  h: HostPaths,
  spec: ContainerSpec,
): Promise<void> {
  validateSpec(spec);
  await docker(h, createArgs(cfg, h, spec));
  await docker(h, ['start', spec.name]);
  await waitServing(h, spec.port);
  await waitWorkers(h, spec.name);
}

/** Until the service's pipeline workers are up: a job submitted earlier fails with `_queue.Empty`, by design. */
export async function waitWorkers(h: HostPaths, name: string, timeoutS = 60): Promise<void> {
  await docker(
    h,
    ['exec', name, '/usr/local/lib/dh-lab/wait-ready.sh', String(timeoutS)],
    (timeoutS + 10) * 1000,
  );
}

export async function removeContainer(h: HostPaths, name: string): Promise<void> {
  if (!NAME_RE.test(name)) throw new Error(`lab: invalid container name ${JSON.stringify(name)}`);
  const r = await dockerApi(
    h.dockerSocket,
    `/containers/${encodeURIComponent(name)}?force=1&v=1`,
    'DELETE',
  );
  if (r.status !== 204 && r.status !== 404)
    throw new Error(`lab: removing ${name} on ${h.name}: ${r.status} ${r.body}`);
}

/** Re-creates a default-fleet container in its default state. */
export async function resetContainer(cfg: LabConfig, h: HostPaths, name: string): Promise<void> {
  const spec = defaultFleet(cfg)[h.name]?.find((s) => s.name === name);
  if (!spec) throw new Error(`lab: ${name} is not in the default fleet of ${h.name}`);
  await removeContainer(h, name);
  await createServiceContainer(cfg, h, spec);
}

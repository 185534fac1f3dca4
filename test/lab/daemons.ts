// A host's Docker engine: its own containerd and dockerd, both inside the host's network namespace (nsenter, not
// `ip netns exec`, which remounts /sys and breaks dockerd's cgroup detection), with their own roots and sockets.
import fs from 'node:fs';
import http from 'node:http';
import type { HostPaths } from './config';
import { program, spawnDetached, waitFor } from './exec';
import { netnsPath } from './netns';

export interface Proc {
  role: string;
  pid: number;
  match: string; // a fragment of its command line, checked before it is signalled
}

/** GET on a Docker engine's unix socket; resolves with status and body. */
export function dockerApi(
  socket: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socket, path, method, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`docker API ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

function writeConfigs(h: HostPaths): void {
  fs.mkdirSync(h.runDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(h.execRoot, { recursive: true });
  fs.mkdirSync(h.dataRoot, { recursive: true, mode: 0o710 });
  // Our own containerd config: the machine's /etc/containerd/config.toml (CRI plugin, /var/lib/containerd) stays unused.
  const toml = [
    'version = 2',
    `root = ${JSON.stringify(h.containerdRoot)}`,
    `state = ${JSON.stringify(`${h.execRoot}/containerd`)}`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    '[grpc]',
    `  address = ${JSON.stringify(h.containerdSocket)}`,
    '[ttrpc]',
    `  address = ${JSON.stringify(`${h.containerdSocket}.ttrpc`)}`,
    '[debug]',
    '  level = "warn"',
    '[plugins."io.containerd.internal.v1.opt"]',
    `  path = ${JSON.stringify(`${h.containerdRoot}/opt`)}`,
    '',
  ].join('\n');
  fs.writeFileSync(h.containerdConfig, toml);
  // An empty daemon.json of its own so that /etc/docker/daemon.json (if any) is never read.
  fs.writeFileSync(h.dockerConfig, '{}\n');
}

export async function startEngine(h: HostPaths, logDir: string): Promise<Proc[]> {
  writeConfigs(h);
  const containerd = spawnDetached(
    program('nsenter'),
    [`--net=${netnsPath(h.netns)}`, '--', program('containerd'), '--config', h.containerdConfig],
    `${logDir}/${h.name}-containerd.log`,
  );
  await waitFor(`${h.name} containerd socket`, 20_000, () => fs.existsSync(h.containerdSocket));
  return [
    { role: `${h.name}/containerd`, pid: containerd, match: h.containerdConfig },
    await startDockerd(h, logDir),
  ];
}

/** The host's dockerd (its containerd already running), answering when this resolves. Also used by tests that
 * restart an engine (test/helpers/engine.ts): one set of arguments. */
export async function startDockerd(h: HostPaths, logDir: string): Promise<Proc> {
  const dockerd = spawnDetached(
    program('nsenter'),
    [
      `--net=${netnsPath(h.netns)}`,
      '--',
      program('dockerd'),
      '--config-file',
      h.dockerConfig,
      '--containerd',
      h.containerdSocket,
      '--bridge=none',
      '--iptables=false',
      '--ip-forward=false',
      '--ip-masq=false',
      '--userland-proxy=false',
      '--data-root',
      h.dataRoot,
      '--exec-root',
      h.execRoot,
      '--pidfile',
      h.dockerPidfile,
      '-H',
      `unix://${h.dockerSocket}`,
      '--shutdown-timeout',
      '3',
      '--log-level',
      'warn',
    ],
    `${logDir}/${h.name}-dockerd.log`,
  );
  await waitFor(
    `${h.name} dockerd to answer on ${h.dockerSocket} (log: ${logDir}/${h.name}-dockerd.log)`,
    60_000,
    async () => {
      const r = await dockerApi(h.dockerSocket, '/_ping');
      return r.status === 200;
    },
  );
  return { role: `${h.name}/dockerd`, pid: dockerd, match: h.dockerSocket };
}

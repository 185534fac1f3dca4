// A host's sshd: key-only, its own host key and authorized_keys, root allowed with a key. SetEnv gives every session
// DOCKER_HOST (the host's own engine) and a PATH that starts with the host's bin/ (nvidia-smi stand-in).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { HostPaths, LabConfig } from './config';
import { SSH_PORT } from './config';
import { must, program, run, spawnDetached, waitFor } from './exec';
import { netnsPath } from './netns';
import type { Proc } from './daemons';

export const SESSION_PATH_TAIL = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** `SHA256:...` exactly as `ssh-keygen -lf` prints it. */
export async function fingerprintOf(pubKeyFile: string): Promise<string> {
  const out = await must('ssh-keygen', ['-lf', pubKeyFile]);
  const fp = out.split(/\s+/)[1];
  if (!fp?.startsWith('SHA256:'))
    throw new Error(`lab: unexpected ssh-keygen output for ${pubKeyFile}: ${out}`);
  return fp;
}

export async function newKey(file: string, comment: string): Promise<void> {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.pub`, { force: true });
  await must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

export async function ensureClientKey(cfg: LabConfig): Promise<void> {
  if (!fs.existsSync(cfg.clientKey)) await newKey(cfg.clientKey, `dh-lab-client@${cfg.id}`);
}

export function sshdConfigText(h: HostPaths, hostKey: string): string {
  return [
    `# dh-lab test host ${h.name}`,
    `Port ${SSH_PORT}`,
    `ListenAddress ${h.address}`,
    `HostKey ${hostKey}`,
    `AuthorizedKeysFile ${h.authorizedKeys}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'UsePAM no',
    `PidFile ${h.sshdPidfile}`,
    'AllowTcpForwarding yes',
    'AllowStreamLocalForwarding yes',
    'MaxSessions 64',
    'MaxStartups 64:30:200',
    'PrintMotd no',
    'Subsystem sftp internal-sftp',
    `SetEnv DOCKER_HOST=unix://${h.dockerSocket} PATH=${h.binDir}:${SESSION_PATH_TAIL}`,
    '',
  ].join('\n');
}

export async function setupSshd(cfg: LabConfig, h: HostPaths): Promise<void> {
  fs.mkdirSync(h.dir, { recursive: true, mode: 0o755 });
  await newKey(h.hostKey, `${h.name}@${cfg.id}`);
  fs.copyFileSync(`${cfg.clientKey}.pub`, h.authorizedKeys);
  fs.chmodSync(h.authorizedKeys, 0o600);
  fs.writeFileSync(h.sshdConfig, sshdConfigText(h, h.hostKey), { mode: 0o600 });
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // privilege-separation directory sshd insists on
  await must(program('sshd'), ['-t', '-f', h.sshdConfig]);
}

export async function startSshd(cfg: LabConfig, h: HostPaths): Promise<Proc> {
  const sshd = program('sshd'); // sshd re-executes itself: it needs an absolute path
  const pid = spawnDetached(
    program('nsenter'),
    [
      `--net=${netnsPath(h.netns)}`,
      '--',
      sshd,
      '-D',
      '-f',
      h.sshdConfig,
      '-E',
      `${cfg.logDir}/${h.name}-sshd.log`,
    ],
    `${cfg.logDir}/${h.name}-sshd.out`,
  );
  const want = await fingerprintOf(`${h.hostKey}.pub`);
  await waitFor(
    `${h.name} sshd on ${h.address}:${SSH_PORT}`,
    20_000,
    async () => (await servedFingerprint(h.address)) === want,
  );
  return { role: `${h.name}/sshd`, pid, match: h.sshdConfig };
}

/** The ed25519 host key fingerprint the server at `address` presents right now (ssh-keyscan), or undefined. */
export async function servedFingerprint(address: string): Promise<string | undefined> {
  const r = await run(
    'ssh-keyscan',
    ['-T', '3', '-t', 'ed25519', '-p', String(SSH_PORT), address],
    { timeoutMs: 10_000 },
  );
  const line = r.stdout.split('\n').find((l) => l.includes(' ssh-ed25519 '));
  const blob = line?.split(' ')[2];
  if (!blob) return undefined;
  const digest = crypto.createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** Points sshd at another host key (SIGHUP: sshd re-executes with the same PID) and waits until it serves it. */
export async function serveHostKey(
  h: HostPaths,
  sshdPid: number,
  keyFile: string,
): Promise<string> {
  fs.writeFileSync(h.sshdConfig, sshdConfigText(h, keyFile), { mode: 0o600 });
  const want = await fingerprintOf(`${keyFile}.pub`);
  process.kill(sshdPid, 'SIGHUP');
  await waitFor(
    `${h.name} sshd to serve ${want}`,
    20_000,
    async () => (await servedFingerprint(h.address)) === want,
  );
  return want;
}

/** The host key sshd is configured to serve (the rotated one while a test has rotated it). */
export function currentHostKey(h: HostPaths): string {
  const text = fs.readFileSync(h.sshdConfig, 'utf8');
  return /^HostKey (.+)$/m.exec(text)?.[1] ?? h.hostKey;
}

// The lab needs root and a handful of Debian packages; install what is missing, or say exactly what to install.
import fs from 'node:fs';
import { findProgram, run } from './exec';

const NEEDS: Array<[program: string, pkg: string]> = [
  ['dockerd', 'docker.io'],
  ['containerd', 'containerd'],
  ['docker', 'docker.io'],
  ['sshd', 'openssh-server'],
  ['ssh-keygen', 'openssh-client'],
  ['ssh-keyscan', 'openssh-client'],
  ['debootstrap', 'debootstrap'],
  ['ip', 'iproute2'],
  ['nsenter', 'util-linux'],
  ['unshare', 'util-linux'],
  ['python3', 'python3'],
];

export function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'lab: must run as root (it creates network namespaces and starts Docker engines and sshd); try `sudo npm run lab:up`',
    );
  }
}

export function missingPackages(): string[] {
  return [...new Set(NEEDS.filter(([prog]) => !findProgram(prog)).map(([, pkg]) => pkg))];
}

export async function ensurePackages(log: (s: string) => void): Promise<void> {
  const missing = missingPackages();
  if (missing.length === 0) return;
  log(`installing missing Debian packages: ${missing.join(' ')}`);
  // Package scripts must not start a default dockerd: its bridge would claim 172.17.0.0/16.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !fs.existsSync(policy);
  if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const upd = await run('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
    const inst =
      upd.code === 0
        ? await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
            env,
            timeoutMs: 600_000,
          })
        : upd;
    const still = missingPackages();
    if (inst.code !== 0 || still.length > 0) {
      const tail = `${inst.stderr}\n${inst.stdout}`.trim().split('\n').slice(-10).join('\n');
      throw new Error(
        `lab: could not install ${still.join(' ') || missing.join(' ')} with apt-get (exit ${inst.code}).\n${tail}\nInstall them yourself: apt-get install ${still.join(' ') || missing.join(' ')}`,
      );
    }
  } finally {
    if (ownPolicy) fs.rmSync(policy, { force: true });
  }
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// A throw-away OpenSSH server on 127.0.0.1 for tests of lib/remote that need no Docker engine: its own
// config, host key and authorized_keys under a temp dir, logging to a file, killed by its PID afterwards.

export interface LocalSshd {
  dir: string;
  port: number;
  user: string;
  clientKey: string;
  hostKeyFile: string;
  fingerprint(): string;
  logFile: string;
  /** Lines of the sshd log that record an accepted authentication (one per SSH connection). */
  acceptedLogins(): number;
  /** sshd's log (LogLevel VERBOSE), line by line. */
  logLines(): string[];
  rotateHostKey(): void;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function startLocalSshd(extraConfig: string[] = []): Promise<LocalSshd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhc-sshd-'));
  const port = await freePort();
  const hostKeyFile = path.join(dir, 'host_ed25519');
  const clientKeyFile = path.join(dir, 'client_ed25519');
  const logFile = path.join(dir, 'sshd.log');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKeyFile]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKeyFile]);
  fs.copyFileSync(`${clientKeyFile}.pub`, path.join(dir, 'authorized_keys'));
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyFile}`,
      `AuthorizedKeysFile ${dir}/authorized_keys`,
      `PidFile ${dir}/sshd.pid`,
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'AllowTcpForwarding yes',
      'AllowStreamLocalForwarding yes',
      'LogLevel VERBOSE',
      ...extraConfig,
      '',
    ].join('\n'),
  );
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', logFile], {
    stdio: 'ignore',
  });
  await waitFor(() => {
    if (child.exitCode !== null)
      throw new Error(`sshd exited at start (code ${child.exitCode}); see ${logFile}`);
    return canConnect(port);
  }, `sshd on port ${port}`);
  const fingerprint = () =>
    execFileSync('ssh-keygen', ['-l', '-f', `${hostKeyFile}.pub`], { encoding: 'utf8' }).split(
      ' ',
    )[1] ?? '';
  return {
    dir,
    port,
    user: os.userInfo().username,
    hostKeyFile,
    logFile,
    clientKey: fs.readFileSync(clientKeyFile, 'utf8'),
    fingerprint,
    logLines: () =>
      fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : [],
    acceptedLogins: () =>
      fs.existsSync(logFile)
        ? fs
            .readFileSync(logFile, 'utf8')
            .split('\n')
            .filter((l) => l.includes('Accepted publickey')).length
        : 0,
    rotateHostKey() {
      fs.rmSync(hostKeyFile);
      fs.rmSync(`${hostKeyFile}.pub`);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKeyFile]);
      // sshd re-reads host keys for each new connection (it re-execs per connection).
    },
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      if (!process.env.KEEP_SSHD_DIR) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { waitFor };

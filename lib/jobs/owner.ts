import os from 'node:os';

// Which console process runs a job: `<hostname>:<pid>`. A job whose owner is this machine but whose process is gone
// was interrupted (console killed or restarted); one owned by a live process (e.g. a `dhc` run) is left alone.

export const thisOwner = (): string => `${os.hostname()}:${process.pid}`;

export function ownerAlive(owner: string): boolean {
  const m = /^(.*):(\d+)$/.exec(owner);
  if (!m || m[1] !== os.hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

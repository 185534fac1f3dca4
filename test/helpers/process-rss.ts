// Resident memory of a process and its descendants, read from /proc (Linux): what `next start` holds, whether it
// serves in its own process or in children.
import fs from 'node:fs';

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      out.push(
        ...fs
          .readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8')
          .split(/\s+/)
          .filter(Boolean)
          .map(Number),
      );
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** RSS of pid and every process below it, in MiB. */
export function treeRssMb(pid: number): number {
  const seen = new Set<number>();
  const todo = [pid];
  let kb = 0;
  while (todo.length) {
    const p = todo.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    kb += rssKb(p);
    todo.push(...children(p));
  }
  return kb / 1024;
}

/** Samples treeRssMb every `everyMs` until stopped; keeps the peak. */
export function rssPeakSampler(pid: number, everyMs = 250): { peakMb(): number; stop(): number } {
  let peak = treeRssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMb(pid));
  }, everyMs);
  return {
    peakMb: () => peak,
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, treeRssMb(pid));
      return peak;
    },
  };
}

/** CPU time (user + system, seconds) used so far by pid and every process below it. */
export function treeCpuS(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  const seen = new Set<number>();
  const todo = [pid];
  let ticks = 0;
  while (todo.length) {
    const p = todo.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    try {
      const f = fs
        .readFileSync(`/proc/${p}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch {
      // gone meanwhile
    }
    todo.push(...children(p));
  }
  return ticks / tick;
}

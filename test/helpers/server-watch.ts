// Watching a started console from outside while a test loads it: its resident memory (the `next start` process
// and its children, from /proc) and how fast it answers another client meanwhile.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** Resident memory of a process tree, in bytes. */
export function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    let stat = '';
    try {
      stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      /* gone */
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples the tree's RSS every 50 ms until stopped; the peak above the first sample. */
export function rssPeak(pid: number): {
  stop(): { baseline: number; peak: number; growth: number };
} {
  const baseline = treeRss(pid);
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treeRss(pid));
      return { baseline, peak, growth: peak - baseline };
    },
  };
}

// The other client runs in a process of its own: the test process is busy sending large bodies, and a probe in
// its event loop would time the test's own stalls rather than the server's.
const PROBE = `
let running = true, maxMs = 0, answers = 0; const failures = [];
process.on('message', () => { running = false; });
(async () => {
  while (running) {
    const t0 = performance.now();
    try {
      const res = await fetch(process.argv[1], { redirect: 'manual', signal: AbortSignal.timeout(30000) });
      await res.arrayBuffer();
      if (res.status >= 500) failures.push('HTTP ' + res.status);
      answers++;
    } catch (err) { failures.push(err.message); }
    maxMs = Math.max(maxMs, performance.now() - t0);
    if (answers === 1) process.send({ ready: true });
    if (running) await new Promise((r) => setTimeout(r, 50));
  }
  process.send({ maxMs, answers, failures }, () => process.exit(0));
})();
`;

export interface ProbeResult {
  maxMs: number;
  answers: number;
  failures: string[];
}

/**
 * Another client, in its own process, asking `url` one request after another (each timed, 50 ms apart) until
 * stopped: the slowest answer while the test did its work. Resolves once the first answer came.
 */
export async function latencyProbe(url: string): Promise<{ stop(): Promise<ProbeResult> }> {
  const child = spawn(process.execPath, ['-e', PROBE, url], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: ProbeResult[] = [];
  let ready: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (ready = resolve));
  child.on('message', (m: ProbeResult & { ready?: boolean }) =>
    m.ready ? ready() : messages.push(m),
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([first, exited]);
  return {
    async stop() {
      child.send('stop');
      await exited;
      const result = messages[0];
      if (!result) throw new Error('the latency probe ended without a result');
      return result;
    },
  };
}

import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

// How long the server's event loop was held up (probe parsing, page rendering) since the health scheduler started:
// exported with the metrics, and read by the load benchmark (test/bench/fleet-load.ts).

const KEY = Symbol.for('dh-fleet-console.event-loop-delay');
type Holder = { [KEY]?: IntervalHistogram };

export function startEventLoopMonitor(): void {
  const g = globalThis as Holder;
  if (g[KEY]) return;
  g[KEY] = monitorEventLoopDelay({ resolution: 10 });
  g[KEY].enable();
}

/** Seconds: median, 99th percentile and maximum delay; null before the monitor started. */
export function eventLoopDelay(): { p50: number; p99: number; max: number } | null {
  const h = (globalThis as Holder)[KEY];
  if (!h || h.count === 0) return null;
  return { p50: h.percentile(50) / 1e9, p99: h.percentile(99) / 1e9, max: h.max / 1e9 };
}

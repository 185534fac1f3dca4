import { fleetRefreshMs } from '../config';
import type { HostView } from '../hosts/service';
import type { ServiceMatcher } from '../settings/service-patterns';
import {
  fleetInputs,
  hostSnapshot,
  withFreshRows,
  type FleetSnapshot,
  type HostSnapshot,
} from './snapshot';

// Fleet reads for the web (pages poll it every few seconds, from every open tab): one refresh per host per interval,
// shared by every reader, whatever their number. A host's snapshot younger than the interval is served as it is; an
// older one starts one refresh (single flight), which readers wait for up to STALE_WAIT_MS: a host that answers
// promptly is shown fresh, and one that hangs (its handshake deadline is 8 s) is shown as last seen, at once,
// instead of holding every reader. The first read of a host, or one after its settings changed, waits for the refresh.

/** How long after a refresh started readers wait for it before they take the latest snapshot. */
export const STALE_WAIT_MS = 500;

interface Entry {
  /** What the snapshot was read with: the host row's version and the service patterns. */
  version: string;
  latest: { snap: HostSnapshot; startedAt: number } | null;
  refreshing: Promise<HostSnapshot> | null;
  refreshStartedAt: number;
}

const entries = new Map<string, Entry>();
let refreshes = 0;
/** When the last refresh ended: host rows read before it may miss a fingerprint it recorded. */
let lastRefreshEnd = 0;

function refresh(e: Entry, host: HostView, isService: ServiceMatcher): Promise<HostSnapshot> {
  if (e.refreshing) return e.refreshing;
  const startedAt = Date.now();
  e.refreshStartedAt = startedAt;
  refreshes++;
  // hostSnapshot never rejects: every failure is a status of the host.
  e.refreshing = hostSnapshot(host, isService).then((snap) => {
    if (entries.get(host.id) === e) e.latest = { snap, startedAt };
    e.refreshing = null;
    lastRefreshEnd = Date.now();
    return snap;
  });
  return e.refreshing;
}

async function read(
  host: HostView,
  isService: ServiceMatcher,
  version: string,
): Promise<HostSnapshot> {
  let e = entries.get(host.id);
  if (!e || e.version !== version)
    entries.set(host.id, (e = { version, latest: null, refreshing: null, refreshStartedAt: 0 }));
  const latest = e.latest;
  if (latest && Date.now() - latest.startedAt < fleetRefreshMs()) return latest.snap;
  const fresh = refresh(e, host, isService);
  if (!latest) return fresh;
  // Readers arriving while a slow refresh (a hung host's handshake) runs on get the latest snapshot at once.
  const waitMs = STALE_WAIT_MS - (Date.now() - e.refreshStartedAt);
  if (waitMs <= 0) return latest.snap;
  let timer: NodeJS.Timeout | undefined;
  const stale = new Promise<HostSnapshot>((resolve) => {
    timer = setTimeout(() => resolve(latest.snap), waitMs);
  });
  try {
    return await Promise.race([fresh, stale]);
  } finally {
    clearTimeout(timer);
  }
}

/** The fleet (or the hosts asked for) as the web shows it: shared, refreshed at most once per interval per host. */
export async function sharedFleetSnapshot(
  opts: { hostIds?: string[] } = {},
): Promise<FleetSnapshot> {
  const listedAt = Date.now();
  const { hosts, selected, isService, patternsKey } = await fleetInputs(opts.hostIds);
  const listed = new Map(hosts.map((h) => [h.id, h]));
  for (const id of entries.keys()) if (!listed.has(id)) entries.delete(id); // removed hosts
  const results = await Promise.all(
    selected.map((h) => read(h, isService, `${h.updatedAt}|${patternsKey}`)),
  );
  // The rows read above are current unless a refresh ended since (it may have recorded a seen fingerprint).
  if (lastRefreshEnd >= listedAt) return withFreshRows(results);
  return {
    generatedAt: new Date().toISOString(),
    hosts: results.map((r) => ({ ...r, host: listed.get(r.host.id) ?? r.host })),
  };
}

/** Host snapshots actually read from the hosts by this process (for tests and metrics). */
export function fleetRefreshes(): number {
  return refreshes;
}

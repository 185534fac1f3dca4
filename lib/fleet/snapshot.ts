import { sshConnectTimeoutMs, remoteCallTimeoutMs } from '../config';
import { listHosts, type HostView } from '../hosts/service';
import { probeIssue, type ProbeIssue } from '@/lib/remote/issues';
import { RemoteError } from '../remote';
import {
  compileServiceMatcher,
  getServicePatterns,
  type ServiceMatcher,
} from '../settings/service-patterns';
import { listContainers, type ContainerView } from './containers';

export type { ContainerView } from './containers';

export type HostStatus = 'reachable' | 'unreachable' | 'unconfirmed' | 'mismatch';

export interface HostSnapshot {
  host: HostView;
  status: HostStatus;
  error?: string;
  /** Why the host cannot be used now, as a named state (the page translates it; `error` keeps the detail). */
  issue?: ProbeIssue;
  seenFingerprint?: string;
  containers: ContainerView[];
  /** How long this host took to answer (ms). */
  elapsedMs: number;
}

export interface FleetSnapshot {
  generatedAt: string;
  hosts: HostSnapshot[];
}

function statusOf(err: unknown): {
  status: HostStatus;
  error: string;
  issue: ProbeIssue;
  seenFingerprint?: string;
} {
  return { ...statusWithoutIssue(err), issue: probeIssue('host', err) };
}

function statusWithoutIssue(err: unknown): {
  status: HostStatus;
  error: string;
  seenFingerprint?: string;
} {
  if (err instanceof RemoteError) {
    if (err.kind === 'hostkey_unknown')
      return { status: 'unconfirmed', error: err.detail, seenFingerprint: err.seenFingerprint };
    if (err.kind === 'hostkey_mismatch')
      return { status: 'mismatch', error: err.detail, seenFingerprint: err.seenFingerprint };
    return { status: 'unreachable', error: err.detail };
  }
  return { status: 'unreachable', error: err instanceof Error ? err.message : String(err) };
}

/** One host with its containers, under the deadline of a handshake plus one list call (a hung host is cut off). */
export async function hostSnapshot(
  host: HostView,
  isService: ServiceMatcher,
): Promise<HostSnapshot> {
  const deadlineMs = sshConnectTimeoutMs() + remoteCallTimeoutMs();
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const containers = await Promise.race([
      listContainers(host.id, isService),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new RemoteError('timeout', host.name, `no answer within ${deadlineMs} ms`)),
          deadlineMs,
        );
      }),
    ]);
    return { host, status: 'reachable', containers, elapsedMs: Date.now() - started };
  } catch (err) {
    return { host, ...statusOf(err), containers: [], elapsedMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** The hosts asked for (all without hostIds) and the service matcher of the current settings. */
export async function fleetInputs(hostIds?: string[]): Promise<{
  hosts: HostView[];
  selected: HostView[];
  isService: ServiceMatcher;
  patternsKey: string;
}> {
  const [hosts, patterns] = await Promise.all([listHosts(), getServicePatterns()]);
  const selected = hostIds ? hosts.filter((h) => hostIds.includes(h.id)) : hosts;
  return {
    hosts,
    selected,
    isService: compileServiceMatcher(patterns),
    patternsKey: JSON.stringify(patterns),
  };
}

/** Host rows as they are now: the verifier may have recorded a newly seen fingerprint meanwhile. */
export async function withFreshRows(results: HostSnapshot[]): Promise<FleetSnapshot> {
  const fresh = new Map((await listHosts()).map((h) => [h.id, h]));
  return {
    generatedAt: new Date().toISOString(),
    hosts: results.map((r) => ({ ...r, host: fresh.get(r.host.id) ?? r.host })),
  };
}

/** Every host with its containers, read now. Hosts are queried in parallel, each under its own deadline. */
export async function getFleetSnapshot(opts: { hostIds?: string[] } = {}): Promise<FleetSnapshot> {
  const { selected, isService } = await fleetInputs(opts.hostIds);
  return withFreshRows(await Promise.all(selected.map((host) => hostSnapshot(host, isService))));
}

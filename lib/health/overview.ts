// What the fleet-health page and `dhc fleet --json` show per container: its health, its top finding, the ids of all
// its findings (for the filter), and fleet-wide counts per finding. Built from the scheduler's latest reports.
import type { Finding, FindingId, Severity } from '@/lib/diagnosis/diagnose';
import type { HostView } from '@/lib/hosts/service';
import type { ContainerReport } from '@/lib/probes/container';
import type { ProbeIssue } from '@/lib/remote/issues';
import type { HostRoundStatus } from './scheduler';

export type HealthState = 'blocking' | 'degraded' | 'healthy';

export interface ContainerHealthRow {
  hostId: string;
  hostName: string;
  groups: string[];
  name: string;
  id: string;
  at: string;
  /** The host's last round failed: these values are from an earlier round. */
  stale: boolean;
  health: HealthState;
  top: Finding | null;
  findings: FindingId[];
  gpuUtilPct: number | null;
  probeErrors: ProbeIssue[];
  /** A job or test run holds the container (a re-creation or restart shows as that, not as errors). */
  busy: ContainerReport['busy'] | null;
  inTransition: boolean;
  /** The numbers staff look at first, from the same round (null: not read). */
  figures: ContainerFigures;
}

export interface ContainerFigures {
  ortVersion: string | null;
  /** The provider a new session really gets first (e.g. CUDAExecutionProvider), not what ORT says is available. */
  sessionProvider: string | null;
  shmBytes: number | null;
  batchSize: number | null;
  /** Queue-full events in the hour before the round (the charts' last hour). */
  queueFullLastHour: number;
}

export interface HostHealthRow {
  id: string;
  name: string;
  groups: string[];
  /** null until the host's first round ended. */
  ok: boolean | null;
  error?: string;
  /** Why its last round failed, as a named state. */
  issue?: ProbeIssue;
  at: string | null;
  elapsedMs: number | null;
}

export interface HealthOverview {
  generatedAt: string;
  intervalMs: number;
  hosts: HostHealthRow[];
  containers: ContainerHealthRow[];
  findingCounts: Partial<Record<FindingId, number>>;
  /** The worst severity each finding has anywhere in the fleet (for ordering and colouring the counts). */
  findingSeverity: Partial<Record<FindingId, Severity>>;
  healthCounts: Record<HealthState, number>;
}

/**
 * The finding to show at a glance: the diagnosis ranks by severity, so a healthy container may lead with a note
 * (e.g. about ORT_PARALLEL); the glance shows its problem if it has one, else "healthy".
 */
export function topFinding(findings: Finding[]): Finding | null {
  return (
    findings.find((f) => f.severity === 'critical' || f.severity === 'warning') ??
    findings.find((f) => f.id === 'healthy') ??
    findings[0] ??
    null
  );
}

export function healthRow(
  r: ContainerReport,
  host: Pick<HostView, 'name' | 'groups'>,
  stale: boolean,
): ContainerHealthRow {
  return {
    hostId: r.hostId,
    hostName: host.name,
    groups: host.groups,
    name: r.container.name,
    id: r.container.id,
    at: r.at,
    stale,
    // History is about the past: not a finding to count or filter the fleet by.
    health: r.diagnosis.health,
    top: topFinding(r.diagnosis.findings),
    findings: r.diagnosis.findings.filter((f) => f.id !== 'history').map((f) => f.id),
    gpuUtilPct: r.gpu?.available ? r.gpu.utilPct : null,
    probeErrors: r.errors,
    busy: r.busy ?? null,
    inTransition: Boolean(r.transition),
    figures: {
      ortVersion: r.facts.ortVersion,
      sessionProvider: r.facts.sessionProviders?.[0] ?? null,
      shmBytes: r.facts.shmBytes,
      batchSize: r.facts.batchSize,
      queueFullLastHour: r.lastHour.queue_full ?? 0,
    },
  };
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1, ok: 0 };
const HEALTH_ORDER: Record<HealthState, number> = { blocking: 0, degraded: 1, healthy: 2 };

export function buildOverview(
  hosts: HostView[],
  reports: Iterable<ContainerReport>,
  status: Map<string, HostRoundStatus>,
  intervalMs: number,
): HealthOverview {
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const containers: ContainerHealthRow[] = [];
  const findingSeverity: Partial<Record<FindingId, Severity>> = {};
  for (const r of reports) {
    const host = byId.get(r.hostId);
    if (!host) continue;
    containers.push(healthRow(r, host, status.get(r.hostId)?.ok === false));
    for (const f of r.diagnosis.findings) {
      if (f.id === 'history') continue;
      const was = findingSeverity[f.id];
      if (!was || SEVERITY_RANK[f.severity] > SEVERITY_RANK[was])
        findingSeverity[f.id] = f.severity;
    }
  }
  containers.sort(
    (a, b) =>
      HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] ||
      a.hostName.localeCompare(b.hostName) ||
      a.name.localeCompare(b.name),
  );
  const findingCounts: Partial<Record<FindingId, number>> = {};
  const healthCounts: Record<HealthState, number> = { blocking: 0, degraded: 0, healthy: 0 };
  for (const c of containers) {
    healthCounts[c.health]++;
    for (const f of new Set(c.findings)) findingCounts[f] = (findingCounts[f] ?? 0) + 1;
  }
  return {
    generatedAt: new Date().toISOString(),
    intervalMs,
    hosts: hosts.map((h) => {
      const s = status.get(h.id);
      return {
        id: h.id,
        name: h.name,
        groups: h.groups,
        ok: s ? s.ok : null,
        ...(s?.error ? { error: s.error } : {}),
        ...(s?.issue ? { issue: s.issue } : {}),
        at: s?.at ?? null,
        elapsedMs: s?.elapsedMs ?? null,
      };
    }),
    containers,
    findingCounts,
    findingSeverity,
    healthCounts,
  };
}

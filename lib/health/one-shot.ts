// One probe round outside the server (the `dhc` CLI): the same probes and diagnosis as the scheduler's rounds,
// with fresh log cursors, so its signature counts cover what a first contact reads (see lib/probes).
import { issueText } from '@/lib/remote/issues';
import type { Finding } from '@/lib/diagnosis/diagnose';
import type { Text } from '@/lib/i18n/text';
import { remoteProbeTransport } from '@/lib/probes/remote-transport';
import { ProbeState, probeFleet } from '@/lib/probes/run';
import { hostRoundTimeoutMs } from './config';
import { topFinding, type HealthState } from './overview';

export interface ContainerHealthSummary {
  health: HealthState;
  topFinding: {
    id: Finding['id'];
    severity: Finding['severity'];
    title: Text;
  } | null;
  findings: Finding['id'][];
  probeErrors: string[];
}

export interface HostProbeOutcome {
  ok: boolean;
  error?: string;
  containers: Map<string, ContainerHealthSummary>;
}

export async function probeHealthOnce(hostIds: string[]): Promise<Map<string, HostProbeOutcome>> {
  const reports = await probeFleet(remoteProbeTransport(), hostIds, new ProbeState(), {
    hostTimeoutMs: hostRoundTimeoutMs(),
  });
  return new Map(
    reports.map((r) => [
      r.hostId,
      {
        ok: r.ok,
        ...(r.error ? { error: r.error } : {}),
        containers: new Map(
          r.containers.map((c) => {
            const top = topFinding(c.diagnosis.findings);
            return [
              c.container.name,
              {
                health: c.diagnosis.health,
                topFinding: top ? { id: top.id, severity: top.severity, title: top.title } : null,
                findings: c.diagnosis.findings.map((f) => f.id),
                probeErrors: c.errors.map(issueText),
              },
            ];
          }),
        ),
      },
    ]),
  );
}

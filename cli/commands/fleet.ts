import { renderText } from '@/lib/i18n/text';
import { getFleetSnapshot, type HostSnapshot } from '@/lib/fleet/snapshot';
import { listHosts } from '@/lib/hosts/service';
import {
  probeHealthOnce,
  type ContainerHealthSummary,
  type HostProbeOutcome,
} from '@/lib/health/one-shot';
import { printJson, runCommand } from './hosts';

export const summary =
  "every host and its containers, live, with each service container's health (dhc fleet [--json] [--strict])";

const USAGE = `usage: dhc fleet [--json] [--strict] [--data DIR]
  Connects to every host (in parallel, each under its own deadline), lists its containers and probes each
  digital-human service container: its health (blocking | degraded | healthy) and its top finding.
  --strict  exit 3 when any host is not reachable (unreachable, host key unconfirmed or mismatched)`;

function since(iso: string | null): string {
  if (!iso) return '';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`;
}

type WithHealth = Omit<HostSnapshot, 'containers'> & {
  probeError?: string;
  containers: (HostSnapshot['containers'][number] & { health: ContainerHealthSummary | null })[];
};

/** Service containers gain `health` (null for other containers, or when the probe of the host failed). */
function merge(h: HostSnapshot, probe: HostProbeOutcome | undefined): WithHealth {
  const out: WithHealth = {
    ...h,
    containers: h.containers.map((c) => ({
      ...c,
      health: c.isService ? (probe?.containers.get(c.name) ?? null) : null,
    })),
  };
  if (probe && !probe.ok && h.status === 'reachable')
    out.probeError = probe.error ?? 'probe failed';
  return out;
}

function render(h: WithHealth): string {
  const head = `${h.host.name} (${h.host.address}:${h.host.port})  ${h.status.toUpperCase()}${h.error ? `: ${h.error}` : ''}${h.probeError ? ` (probe: ${h.probeError})` : ''}`;
  const rows = h.containers.map((c) => {
    const health = c.health
      ? `${c.health.health.toUpperCase()}${c.health.topFinding ? `: ${renderText(c.health.topFinding.title, 'en')}` : ''}`
      : '';
    return `  ${c.isService ? '*' : ' '} ${c.name.padEnd(40)} ${c.state.padEnd(10)} ${since(c.startedAt).padEnd(5)} ${c.image}${health ? `\n      ${health}` : ''}`;
  });
  return [head, ...rows].join('\n');
}

export async function run(args: string[]): Promise<number> {
  return runCommand(
    'fleet',
    args,
    { json: { type: 'boolean' }, strict: { type: 'boolean' } },
    async (v) => {
      // Listing and probing go out together; both are bounded per host, so a hung host delays nobody.
      const [snap, probes] = await Promise.all([
        getFleetSnapshot(),
        listHosts().then((hs) => probeHealthOnce(hs.map((h) => h.id))),
      ]);
      const hosts = snap.hosts.map((h) => merge(h, probes.get(h.host.id)));
      if (v.json) printJson({ ...snap, hosts });
      else if (hosts.length === 0) process.stdout.write('no hosts yet: dhc hosts add NAME ...\n');
      else
        process.stdout.write(
          `${hosts.map(render).join('\n\n')}\n\n* = digital-human service container\n`,
        );
      return v.strict && snap.hosts.some((h) => h.status !== 'reachable') ? 3 : 0;
    },
    USAGE,
  );
}

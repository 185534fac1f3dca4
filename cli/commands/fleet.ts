import { getFleetSnapshot, type HostSnapshot } from '@/lib/fleet/snapshot';
import { printJson, runCommand } from './hosts';

export const summary = 'every host and its containers, live (dhc fleet [--json] [--strict])';

const USAGE = `usage: dhc fleet [--json] [--strict] [--data DIR]
  Connects to every host (in parallel, each under its own deadline) and lists its containers.
  --strict  exit 3 when any host is not reachable (unreachable, host key unconfirmed or mismatched)`;

function since(iso: string | null): string {
  if (!iso) return '';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`;
}

function render(h: HostSnapshot): string {
  const head = `${h.host.name} (${h.host.address}:${h.host.port})  ${h.status.toUpperCase()}${h.error ? `: ${h.error}` : ''}`;
  const rows = h.containers.map(
    (c) => `  ${c.isService ? '*' : ' '} ${c.name.padEnd(40)} ${c.state.padEnd(10)} ${since(c.startedAt).padEnd(5)} ${c.image}`,
  );
  return [head, ...rows].join('\n');
}

export async function run(args: string[]): Promise<number> {
  return runCommand('fleet', args, { json: { type: 'boolean' }, strict: { type: 'boolean' } }, async (v) => {
    const snap = await getFleetSnapshot();
    if (v.json) printJson(snap);
    else if (snap.hosts.length === 0) process.stdout.write('no hosts yet: dhc hosts add NAME ...\n');
    else process.stdout.write(`${snap.hosts.map(render).join('\n\n')}\n\n* = digital-human service container\n`);
    return v.strict && snap.hosts.some((h) => h.status !== 'reachable') ? 3 : 0;
  }, USAGE);
}

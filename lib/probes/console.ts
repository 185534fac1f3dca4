// The console's probe entry point: every host of the inventory, over lib/remote, with watches (log offsets,
// scanners) kept for the life of the process so each round reads only what is new.
import { listHosts } from '@/lib/hosts/service';
import { remoteProbeTransport } from './remote-transport';
import {
  ProbeState,
  probeFleet,
  probeHost,
  type HostProbeReport,
  type ProbeRunOptions,
} from './run';

const state = new ProbeState();
const transport = remoteProbeTransport();

export async function probeAllHosts(options: ProbeRunOptions = {}): Promise<HostProbeReport[]> {
  const hosts = await listHosts();
  return probeFleet(
    transport,
    hosts.map((h) => h.id),
    state,
    options,
  );
}

export function probeOneHost(
  hostId: string,
  options: ProbeRunOptions = {},
): Promise<HostProbeReport> {
  return probeHost(transport, hostId, state, options);
}

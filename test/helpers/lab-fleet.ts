// The lab's hosts added to a console through its own server actions, keys pinned from lab:status, plus (on request)
// the black-holed sink host: the fleet the load benchmark and the load tests put under load.
import fs from 'node:fs';
import type { ConsoleClient } from '../integration/web/console-client';
import { labStatus, type LabStatus } from './lab';
import { waitFor } from './wait';

export interface LabFleet {
  lab: LabStatus;
  /** Console host ids of the lab hosts, by lab name (h1, h2, ...). */
  hostIds: Map<string, string>;
  /** The black-holed sink host (accepts TCP, never answers), when asked for. */
  sinkId: string | null;
  /** Every service container of the lab, as the console names it. */
  services: { hostId: string; container: string }[];
}

/** One lab host added through the console's own server actions under its lab name, its key pinned: its id. */
export async function addLabHost(
  admin: ConsoleClient,
  h: LabStatus['hosts'][number],
  groups = 'lab',
): Promise<string> {
  const fields = {
    name: h.name,
    address: h.address,
    port: h.port,
    user: h.user,
    dockerSocket: h.dockerSocket,
    groups,
    keyMode: 'paste',
    privateKey: fs.readFileSync(h.keyFile, 'utf8'),
  };
  return addHost(admin, fields, h.fingerprint);
}

async function addHost(
  admin: ConsoleClient,
  fields: Record<string, unknown>,
  fingerprint: string,
): Promise<string> {
  const { reply } = await admin.action<{ host: { id: string } }>(
    'app/actions/add-host.ts',
    'addHostAction',
    [fields],
  );
  if (!reply?.ok) throw new Error(`adding ${String(fields.name)}: ${JSON.stringify(reply)}`);
  const id = reply.data.host.id;
  const pin = await admin.action('app/actions/trust-host-key.ts', 'trustHostKey', [
    { id, fingerprint },
  ]);
  if (!pin.reply?.ok)
    throw new Error(`pinning ${String(fields.name)}: ${JSON.stringify(pin.reply)}`);
  return id;
}

/** Adds every lab host (and the sink with `sink: true`), then waits until the console reaches every lab host. */
export async function addLabFleet(
  admin: ConsoleClient,
  opts: { sink: boolean },
): Promise<LabFleet> {
  const lab = await labStatus();
  const hostIds = new Map<string, string>();
  const services: LabFleet['services'] = [];
  for (const h of lab.hosts) {
    const key = fs.readFileSync(h.keyFile, 'utf8');
    const fields = {
      name: `lab-${h.name}`,
      address: h.address,
      port: h.port,
      user: h.user,
      dockerSocket: h.dockerSocket,
      groups: 'lab',
      keyMode: 'paste',
      privateKey: key,
    };
    const id = await addHost(admin, fields, h.fingerprint);
    hostIds.set(h.name, id);
    for (const c of h.containers) services.push({ hostId: id, container: c.name });
  }
  let sinkId: string | null = null;
  if (opts.sink) {
    const fields = {
      name: 'blackholed',
      address: lab.sink.address,
      port: lab.sink.port,
      user: 'root',
      dockerSocket: '/run/docker.sock',
      groups: 'lab',
      keyMode: 'generate',
    };
    sinkId = await addHost(admin, fields, `SHA256:${'A'.repeat(43)}`);
  }
  for (const [name, id] of hostIds) {
    await waitFor(
      `lab host ${name} reachable through the console`,
      60_000,
      async () => {
        const res = await admin.get(`/api/fleet?host=${id}`);
        return (
          res.status === 200 &&
          res.json<{ hosts: { status: string }[] }>().hosts[0]?.status === 'reachable'
        );
      },
      500,
    );
  }
  return { lab, hostIds, sinkId, services };
}

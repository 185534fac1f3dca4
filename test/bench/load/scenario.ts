// What the load benchmark's clients ask for: the fleet API (whole fleet), one host's snapshot (as the fleet page
// polls, black-holed sink included), previews of a handful of plans (as operators open them), and sign-ins.
import type { LabFleet } from '../../helpers/lab-fleet';
import type { Call, ClientGroup } from '../../helpers/load-clients';
import { actionIndex, type ConsoleClient } from '../../integration/web/console-client';
import { VIEWER } from '../../integration/web/session';

export type Mix = 'mixed' | 'fleet' | 'preview';

const PREVIEW_REMEDIES = ['batch-size', 'shm'];

const json = (c: ConsoleClient) => ({ accept: 'application/json', cookie: c.cookieHeader() });

/** The plans previewed: each lab service container with each of a few remedies (distinct plans, each shared). */
export function previewCalls(fleet: LabFleet, operator: ConsoleClient): Call[] {
  const headers = {
    ...json(operator),
    'content-type': 'application/json',
    origin: operator.origin,
  };
  return fleet.services.flatMap((s) =>
    PREVIEW_REMEDIES.map(
      (name): Call => ({
        method: 'POST',
        path: '/api/jobs/preview',
        headers,
        body: JSON.stringify({ hostId: s.hostId, container: s.container, name }),
      }),
    ),
  );
}

function signInCall(viewer: ConsoleClient): Call {
  const entry = actionIndex().get('app/actions/sign-in.ts#signIn');
  if (!entry) throw new Error('no sign-in action in this build');
  return {
    method: 'POST',
    path: entry.page,
    body: JSON.stringify([VIEWER]),
    headers: {
      accept: 'text/x-component',
      'next-action': entry.id,
      'content-type': 'text/plain;charset=UTF-8',
      origin: viewer.origin,
    },
  };
}

/**
 * Client groups for `clients` clients. mixed: 45 % whole fleet, 25 % one host, 28 % previews, 2 % sign-ins (each
 * signing in once a second: scrypt costs ~0.1 s of a core, and back-to-back sign-ins would measure only that);
 * fleet / preview: every client on that one call, as the targets are stated.
 */
export function clientGroups(
  mix: Mix,
  clients: number,
  fleet: LabFleet,
  c: { viewer: ConsoleClient; operator: ConsoleClient },
): ClientGroup[] {
  const fleetCall: Call = { method: 'GET', path: '/api/fleet', headers: json(c.viewer) };
  const hostIds = [...fleet.hostIds.values(), ...(fleet.sinkId ? [fleet.sinkId] : [])];
  const previews = previewCalls(fleet, c.operator);
  const groups: ClientGroup[] = [
    { name: 'fleet', clients: 0, next: () => fleetCall },
    {
      name: 'host',
      clients: 0,
      next: (i, n) => ({
        method: 'GET',
        path: `/api/fleet?host=${hostIds[(i + n) % hostIds.length]}`,
        headers: json(c.viewer),
      }),
    },
    { name: 'preview', clients: 0, next: (i) => previews[i % previews.length]! },
    { name: 'signin', clients: 0, next: () => signInCall(c.viewer), pauseMs: 1000 },
  ];
  const [f, h, p, s] = groups as [ClientGroup, ClientGroup, ClientGroup, ClientGroup];
  if (mix === 'fleet') f.clients = clients;
  else if (mix === 'preview') p.clients = clients;
  else {
    s.clients = Math.max(1, Math.round(clients * 0.02));
    h.clients = Math.round(clients * 0.25);
    p.clients = Math.round(clients * 0.28);
    f.clients = clients - s.clients - h.clients - p.clients;
  }
  return groups.filter((g) => g.clients > 0);
}

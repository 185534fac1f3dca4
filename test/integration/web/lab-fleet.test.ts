// The fleet through the console's own HTTP surface against the lab's real hosts: add hosts with the
// server actions, accept or pin host keys, see the containers; a changed key is refused; a black-holed
// host never holds up the others.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  labStatus,
  restoreHostKey,
  rotateHostKey,
  type HostStatus,
  type LabStatus,
} from '../../helpers/lab';
import { consoleWithRoles, type Roles } from './session';

interface Snapshot {
  hosts: {
    host: { id: string; name: string; pinnedFingerprint: string | null };
    status: string;
    error?: string;
    seenFingerprint?: string;
    containers: { name: string; state: string; isService: boolean }[];
  }[];
}

let r: Roles;
let lab: LabStatus;
// "accepted": its key is accepted from what the console saw (lab host 1, as the browser test does too).
// "rotated": pinned up front from lab:status, then its key changes (lab host 2, so the browser test never sees it).
let accepted: HostStatus;
let rotated: HostStatus;
const ids = { accepted: '', rotated: '', sink: '' };

async function addHost(name: string, fields: Record<string, unknown>): Promise<string> {
  const { reply } = await r.admin.action<{ host: { id: string } }>(
    'app/actions/add-host.ts',
    'addHostAction',
    [{ name, groups: 'lab', ...fields }],
  );
  if (!reply?.ok) throw new Error(`adding ${name}: ${JSON.stringify(reply)}`);
  return reply.data.host.id;
}

const withKey = (h: HostStatus) => ({
  address: h.address,
  port: h.port,
  user: h.user,
  dockerSocket: h.dockerSocket,
  keyMode: 'paste',
  privateKey: fs.readFileSync(h.keyFile, 'utf8'),
});

async function snapshot(hostId: string) {
  const res = await r.viewer.get(`/api/fleet?host=${hostId}`);
  expect(res.status).toBe(200);
  const entry = res.json<Snapshot>().hosts[0];
  if (!entry) throw new Error(`no snapshot for ${hostId}`);
  return entry;
}

const statusOf = async (hostId: string) => (await snapshot(hostId)).status;

beforeAll(async () => {
  lab = await labStatus();
  r = await consoleWithRoles();
  const [first, second] = lab.hosts;
  if (!first || !second) throw new Error('the lab must have two hosts');
  accepted = first;
  rotated = second;
  ids.accepted = await addHost(`lab-${accepted.name}`, withKey(accepted));
  ids.rotated = await addHost(`lab-${rotated.name}`, withKey(rotated));
  ids.sink = await addHost('blackholed', {
    address: lab.sink.address,
    port: lab.sink.port,
    user: 'root',
    keyMode: 'generate',
  });
  const pin = await r.admin.action('app/actions/trust-host-key.ts', 'trustHostKey', [
    { id: ids.rotated, fingerprint: rotated.fingerprint },
  ]);
  if (!pin.reply?.ok) throw new Error(`pinning ${rotated.name}: ${JSON.stringify(pin.reply)}`);
}, 120_000);

afterAll(async () => {
  await r?.server.stop();
});

describe('lab hosts through the web surface', () => {
  it('a new host is not used until an admin accepts the fingerprint it shows', async () => {
    const first = await snapshot(ids.accepted);
    expect(first.status).toBe('unconfirmed');
    expect(first.seenFingerprint).toBe(accepted.fingerprint);
    expect(first.containers).toEqual([]);
    const denied = await r.viewer.action('app/actions/trust-host-key.ts', 'trustHostKey', [
      { id: ids.accepted, fingerprint: first.seenFingerprint },
    ]);
    expect(denied.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const ok = await r.admin.action('app/actions/trust-host-key.ts', 'trustHostKey', [
      { id: ids.accepted, fingerprint: first.seenFingerprint },
    ]);
    expect(ok.reply).toMatchObject({ ok: true, data: { pinnedFingerprint: accepted.fingerprint } });
    await expect
      .poll(() => statusOf(ids.accepted), { timeout: 30_000, interval: 500 })
      .toBe('reachable');
    const names = (await snapshot(ids.accepted)).containers
      .filter((c) => c.isService)
      .map((c) => c.name);
    for (const c of accepted.containers) expect(names).toContain(c.name);
  });

  it('a host whose key changed is refused, naming both fingerprints; re-pinning is admin-only', async () => {
    const newKey = await rotateHostKey(rotated.name);
    try {
      await expect
        .poll(() => statusOf(ids.rotated), { timeout: 30_000, interval: 500 })
        .toBe('mismatch');
      const entry = await snapshot(ids.rotated);
      expect(entry.seenFingerprint).toBe(newKey);
      expect(entry.error).toContain(rotated.fingerprint);
      expect(entry.error).toContain(newKey);
      expect(entry.containers).toEqual([]);
      const denied = await r.operator.action('app/actions/trust-host-key.ts', 'trustHostKey', [
        { id: ids.rotated, fingerprint: newKey },
      ]);
      expect(denied.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await restoreHostKey(rotated.name);
    }
    await expect
      .poll(() => statusOf(ids.rotated), { timeout: 30_000, interval: 500 })
      .toBe('reachable');
    const names = (await snapshot(ids.rotated)).containers.map((c) => c.name);
    for (const c of rotated.containers) expect(names).toContain(c.name);
  });

  it('a pin that does not match the key the host shows is refused the same way (no lab change needed)', async () => {
    const wrong = 'SHA256:' + 'B'.repeat(43);
    await r.admin.action('app/actions/trust-host-key.ts', 'trustHostKey', [
      { id: ids.accepted, fingerprint: wrong },
    ]);
    try {
      await expect
        .poll(() => statusOf(ids.accepted), { timeout: 30_000, interval: 500 })
        .toBe('mismatch');
      const entry = await snapshot(ids.accepted);
      expect(entry.host.pinnedFingerprint).toBe(wrong);
      expect(entry.seenFingerprint).toBe(accepted.fingerprint);
      expect(entry.error).toContain(wrong);
      expect(entry.error).toContain(accepted.fingerprint);
    } finally {
      await r.admin.action('app/actions/trust-host-key.ts', 'trustHostKey', [
        { id: ids.accepted, fingerprint: accepted.fingerprint },
      ]);
    }
    await expect
      .poll(() => statusOf(ids.accepted), { timeout: 30_000, interval: 500 })
      .toBe('reachable');
  });

  it('the black-holed host shows as unreachable while the lab host answers at once', async () => {
    const started = Date.now();
    let labDoneAt = 0;
    const labCall = snapshot(ids.accepted).then((s) => ((labDoneAt = Date.now()), s));
    const [labEntry, sinkEntry] = await Promise.all([labCall, snapshot(ids.sink)]);
    const sinkDoneAt = Date.now();
    expect(labEntry.status).toBe('reachable');
    expect(sinkEntry.status).toBe('unreachable');
    expect(sinkEntry.error).toBeTruthy();
    // The lab host's answer did not wait for the sink's timeout.
    expect(labDoneAt - started).toBeLessThan(sinkDoneAt - started);
    expect(labDoneAt - started).toBeLessThan(3_000);
  });

  it('GET /api/fleet lists every lab container with its host and state', async () => {
    const fleet = (await r.viewer.get('/api/fleet')).json<Snapshot>();
    for (const h of [accepted, rotated]) {
      const entry = fleet.hosts.find((e) => e.host.name === `lab-${h.name}`);
      expect(entry?.status, h.name).toBe('reachable');
      for (const c of h.containers) {
        expect(entry?.containers.find((x) => x.name === c.name)?.state, c.name).toBe(c.status);
      }
    }
  });
});

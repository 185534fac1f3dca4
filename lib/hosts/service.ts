import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { audited } from '@/lib/auth/audited';
import { ConflictError, fromZodIssues, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../auth/types';
import { openSecret, sealSecret } from '../crypto/secretbox';
import { getDb, nowIso } from '../store/db';
import type { HostsTable } from '../store/schema';
import { normalizeKeyText, publicKeyLine } from './keys';
import { fingerprintSchema, hostInputSchema, type HostInput, type ParsedHostInput } from './schema';

export { generateKeyPair } from './keys';

type HostChangeListener = (hostId: string) => void;
const changeListeners = new Set<HostChangeListener>();

/** Called after a host was edited, re-pinned or removed in this process (lib/remote closes its connections). */
export function onHostChanged(listener: HostChangeListener): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

function hostChanged(id: string): void {
  for (const l of changeListeners) l(id);
}

/** What any caller may see of a host. Never holds the private key. */
export interface HostView {
  id: string;
  name: string;
  address: string;
  port: number;
  user: string;
  dockerSocket: string;
  groups: string[];
  hasKey: boolean;
  pinnedFingerprint: string | null;
  seenFingerprint: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = Selectable<HostsTable>;

const keyContext = (id: string): string => `host:${id}:private_key`;

function toView(r: Row): HostView {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    port: r.port,
    user: r.user,
    dockerSocket: r.docker_socket,
    groups: JSON.parse(r.groups) as string[],
    hasKey: r.private_key_enc !== null,
    pinnedFingerprint: r.pinned_fingerprint,
    seenFingerprint: r.seen_fingerprint,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function parseInput(input: unknown): ParsedHostInput {
  const r = hostInputSchema.safeParse(input);
  if (!r.success) throw fromZodIssues(r.error.issues);
  return r.data;
}

/** The audit trail keeps what changed, not the key. */
const auditArgs = (d: ParsedHostInput) => ({
  ...d,
  privateKey: d.privateKey ? '[set]' : undefined,
});

export async function listHosts(): Promise<HostView[]> {
  return (await getDb().selectFrom('hosts').selectAll().orderBy('name').execute()).map(toView);
}

export async function getHost(id: string): Promise<HostView | null> {
  const row = await getDb().selectFrom('hosts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

export async function getHostByName(name: string): Promise<HostView | null> {
  const row = await getDb()
    .selectFrom('hosts')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toView(row) : null;
}

async function assertNameFree(name: string, exceptId?: string): Promise<void> {
  const other = await getDb()
    .selectFrom('hosts')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (other && other.id !== exceptId)
    throw new ConflictError(`a host named '${name}' already exists`);
}

export async function addHost(actor: Actor, input: HostInput): Promise<HostView> {
  const d = parseInput(input);
  if (!d.privateKey)
    throw new ValidationError([{ field: 'privateKey', message: 'is required for a new host' }]);
  const key = d.privateKey;
  return audited(actor, 'admin', 'host.add', d.name, auditArgs(d), async () => {
    await assertNameFree(d.name);
    const id = crypto.randomUUID();
    const now = nowIso();
    await getDb()
      .insertInto('hosts')
      .values({
        id,
        name: d.name,
        address: d.address,
        port: d.port,
        user: d.user,
        docker_socket: d.dockerSocket,
        groups: JSON.stringify(d.groups),
        private_key_enc: sealSecret(normalizeKeyText(key), keyContext(id)),
        pinned_fingerprint: null,
        seen_fingerprint: null,
        seen_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await getHost(id))!;
  });
}

/** Replaces the host's fields; the stored key is kept when `privateKey` is absent. The pinned host key is kept. */
export async function updateHost(actor: Actor, id: string, input: HostInput): Promise<HostView> {
  const d = parseInput(input);
  return audited(actor, 'admin', 'host.update', id, auditArgs(d), async () => {
    if (!(await getHost(id))) throw new NotFoundError(`host ${id}`);
    await assertNameFree(d.name, id);
    await getDb()
      .updateTable('hosts')
      .set({
        name: d.name,
        address: d.address,
        port: d.port,
        user: d.user,
        docker_socket: d.dockerSocket,
        groups: JSON.stringify(d.groups),
        updated_at: nowIso(),
        ...(d.privateKey
          ? { private_key_enc: sealSecret(normalizeKeyText(d.privateKey), keyContext(id)) }
          : {}),
      })
      .where('id', '=', id)
      .execute();
    hostChanged(id);
    return (await getHost(id))!;
  });
}

export async function removeHost(actor: Actor, id: string): Promise<void> {
  const host = await getHost(id);
  await audited(actor, 'admin', 'host.remove', host?.name ?? id, { id }, async () => {
    if (!host) throw new NotFoundError(`host ${id}`);
    await getDb().deleteFrom('hosts').where('id', '=', id).execute();
    hostChanged(id);
  });
}

/** Pins the host key an admin accepted. Connections verify against it from then on. */
export async function trustHostKey(
  actor: Actor,
  id: string,
  fingerprint: string,
): Promise<HostView> {
  const fp = fingerprintSchema.safeParse(fingerprint);
  if (!fp.success)
    throw fromZodIssues(fp.error.issues.map((i) => ({ ...i, path: ['fingerprint'] })));
  const host = await getHost(id);
  return audited(
    actor,
    'admin',
    'host.trust',
    host?.name ?? id,
    { fingerprint: fp.data, previous: host?.pinnedFingerprint ?? null },
    async () => {
      if (!host) throw new NotFoundError(`host ${id}`);
      await getDb()
        .updateTable('hosts')
        .set({ pinned_fingerprint: fp.data, updated_at: nowIso() })
        .where('id', '=', id)
        .execute();
      hostChanged(id);
      return (await getHost(id))!;
    },
  );
}

/** The authorized_keys line of the host's stored key (public, safe to show), or null when it has none. */
export async function hostPublicKey(id: string): Promise<string | null> {
  const r = await getDb()
    .selectFrom('hosts')
    .select(['private_key_enc', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new NotFoundError(`host ${id}`);
  return r.private_key_enc
    ? publicKeyLine(openSecret(r.private_key_enc, keyContext(id)), `dh-fleet-console@${r.name}`)
    : null;
}

/** Records the fingerprint a host presented (by lib/remote on an unconfirmed or mismatched key). Not a change by anyone. */
export async function recordSeenFingerprint(id: string, fingerprint: string): Promise<void> {
  await getDb()
    .updateTable('hosts')
    .set({ seen_fingerprint: fingerprint, seen_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

/** Everything lib/remote needs to connect, the key decrypted. Server-side only; never serialise this. */
export interface HostConnectTarget
  extends Pick<
    HostView,
    'id' | 'name' | 'address' | 'port' | 'user' | 'dockerSocket' | 'pinnedFingerprint'
  > {
  privateKey: string | null;
  /** Changes whenever anything that affects the connection changes, so the pool can drop a stale one. */
  version: string;
}

export async function getConnectTarget(id: string): Promise<HostConnectTarget | null> {
  const r = await getDb().selectFrom('hosts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const version = crypto
    .createHash('sha256')
    // updated_at too: any edit of the host (even one that changes nothing that connects) starts a new connection.
    .update(
      JSON.stringify([
        r.address,
        r.port,
        r.user,
        r.docker_socket,
        r.pinned_fingerprint,
        r.private_key_enc,
        r.updated_at,
      ]),
    )
    .digest('hex');
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    port: r.port,
    user: r.user,
    dockerSocket: r.docker_socket,
    pinnedFingerprint: r.pinned_fingerprint,
    privateKey: r.private_key_enc ? openSecret(r.private_key_enc, keyContext(r.id)) : null,
    version,
  };
}

// What a container is to the console. Only service containers are probed, counted, filtered and offered to batch
// actions; the others are told apart by what the console itself set (names and labels of its re-creations) and by
// Compose's own labels, and are never counted as services even when their name matches the service patterns.

export const CONTAINER_ROLES = [
  'service',
  'kept_original',
  'recreating',
  'oneoff',
  'other',
] as const;
export type ContainerRole = (typeof CONTAINER_ROLES)[number];

/** Set by the shm re-creation on the new container: the id of the original it replaced (kept stopped for undo). */
export const REPLACES_LABEL = 'dh-console.replaces';
const COMPOSE_ONEOFF = 'com.docker.compose.oneoff';

// `<name>-dhc-old-<stamp>`: an original kept for undo; `-dhc-undone-<stamp>`: a re-created one set aside by undo;
// `-dhc-new`: the new container while the re-creation runs.
const KEPT_NAME = /-dhc-(?:old|undone)-\d{8}T\d{6}Z$/i;
const RECREATING_NAME = /-dhc-new$/;

export interface RoleInput {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
}

/** Ids of originals that a live re-created container says it replaced (not one set aside by an undo). */
export function replacedIds(containers: readonly RoleInput[]): Set<string> {
  const out = new Set<string>();
  for (const c of containers) {
    const old = c.labels[REPLACES_LABEL];
    if (old && !KEPT_NAME.test(c.name)) out.add(old);
  }
  return out;
}

export function roleOf(
  c: RoleInput,
  isService: (c: RoleInput) => boolean,
  replaced: ReadonlySet<string>,
): ContainerRole {
  if (
    KEPT_NAME.test(c.name) ||
    replaced.has(c.id) ||
    [...replaced].some((id) => c.id.startsWith(id))
  )
    return 'kept_original';
  if (RECREATING_NAME.test(c.name)) return 'recreating';
  if (c.labels[COMPOSE_ONEOFF]?.toLowerCase() === 'true') return 'oneoff';
  return isService(c) ? 'service' : 'other';
}

import { REPLACES_LABEL } from '@/lib/fleet/roles';
// Builds the create-request for a container re-created from a commit of itself with a new /dev/shm size, carrying
// over everything `docker run` set: env, command, labels, mounts, devices and GPU requests, ports, restart policy,
// networks. Pure: takes `docker inspect` output, returns the Docker API body (and a readable diff for the preview).

// The subset of the Engine API's ContainerInspect we read; unknown fields are carried through untouched.
export interface InspectLike {
  Name: string;
  Config: Record<string, unknown> & {
    Labels?: Record<string, string> | null;
    Env?: string[] | null;
  };
  HostConfig: Record<string, unknown> & { ShmSize?: number; NetworkMode?: string };
  NetworkSettings?: {
    Networks?: Record<string, { Aliases?: string[] | null; IPAMConfig?: unknown; Links?: unknown }>;
  };
}

export interface CreateSpec {
  name: string;
  body: Record<string, unknown>;
}

// Config fields that belong to the image or the runtime, not to what the operator asked for.
const CONFIG_DROP = new Set([
  'Image',
  'Hostname',
  'Domainname',
  'AttachStdin',
  'AttachStdout',
  'AttachStderr',
]);

/**
 * `replacesId`: the original's id, written into the new container's labels (REPLACES_LABEL) so that the console
 * tells the original, kept stopped for undo, from a service container by what it set itself.
 */
export function recreateSpec(
  old: InspectLike,
  image: string,
  shmSize: number,
  replacesId?: string,
): CreateSpec {
  const name = old.Name.replace(/^\//, '');
  // fromEntries: a key the engine sends as `__proto__` stays a key (assignment would set the prototype).
  const config: Record<string, unknown> = Object.fromEntries(
    Object.entries(old.Config).filter(([k]) => !CONFIG_DROP.has(k)),
  );
  if (replacesId) config.Labels = { ...(old.Config.Labels ?? {}), [REPLACES_LABEL]: replacesId };
  const mode = String(old.HostConfig.NetworkMode ?? 'default');
  // With host/none/container networking Docker refuses a hostname; otherwise keep the old one so the app sees the same.
  if (
    !['host', 'none'].includes(mode) &&
    !mode.startsWith('container:') &&
    typeof old.Config.Hostname === 'string'
  ) {
    config.Hostname = old.Config.Hostname;
  }
  const hostConfig: Record<string, unknown> = { ...old.HostConfig, ShmSize: shmSize };
  const endpoints: Record<string, unknown> = {};
  for (const [net, ep] of Object.entries(old.NetworkSettings?.Networks ?? {})) {
    if (net === 'host' || net === 'none' || net === 'bridge') continue;
    // Docker adds the short container id as an alias; it would point at the old container.
    const aliases = (ep.Aliases ?? []).filter((a) => !/^[0-9a-f]{12}$/.test(a));
    endpoints[net] = { Aliases: aliases, ...(ep.IPAMConfig ? { IPAMConfig: ep.IPAMConfig } : {}) };
  }
  const body: Record<string, unknown> = { ...config, Image: image, HostConfig: hostConfig };
  if (Object.keys(endpoints).length > 0) body.NetworkingConfig = { EndpointsConfig: endpoints };
  return { name, body };
}

export interface ConfigChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** What differs between the old container's configuration and the new create-request (for the preview). */
export function specChanges(old: InspectLike, spec: CreateSpec): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const oldImage = (old.Config as { Image?: unknown }).Image;
  if (oldImage !== spec.body.Image)
    changes.push({ path: 'Image', before: oldImage, after: spec.body.Image });
  const labels = (spec.body.Labels ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(labels)) {
    const before = old.Config.Labels?.[k];
    if (before !== v)
      changes.push({ path: `Config.Labels.${k}`, before: before ?? null, after: v });
  }
  const hc = spec.body.HostConfig as Record<string, unknown>;
  for (const key of new Set([...Object.keys(old.HostConfig), ...Object.keys(hc)])) {
    const a = JSON.stringify(old.HostConfig[key]);
    const b = JSON.stringify(hc[key]);
    if (a !== b)
      changes.push({ path: `HostConfig.${key}`, before: old.HostConfig[key], after: hc[key] });
  }
  return changes;
}

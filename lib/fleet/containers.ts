import type Dockerode from 'dockerode';
import { remote, asDockerError } from '../remote';
import type { ServiceMatcher } from '../settings/service-patterns';
import { replacedIds, roleOf, type ContainerRole } from './roles';

export interface ContainerView {
  id: string;
  /** Without Docker's leading "/". */
  name: string;
  image: string;
  /** Docker's state word: running, exited, created, paused, restarting, dead. */
  state: string;
  /** Docker's human status, e.g. "Up 3 hours". */
  status: string;
  /** ISO time the container was last started, or null if never / unknown. */
  startedAt: string | null;
  createdAt: string;
  /** role === 'service': probed, counted and offered to batch actions. */
  isService: boolean;
  role: ContainerRole;
  labels: Record<string, string>;
}

function toView(
  c: Dockerode.ContainerInfo,
  isService: ServiceMatcher,
  replaced: ReadonlySet<string>,
): ContainerView {
  const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
  const labels = c.Labels ?? {};
  const role = roleOf({ id: c.Id, name, image: c.Image, labels }, isService, replaced);
  return {
    id: c.Id,
    name,
    image: c.Image,
    state: c.State,
    status: c.Status,
    startedAt: null,
    createdAt: new Date(c.Created * 1000).toISOString(),
    isService: role === 'service',
    role,
    labels,
  };
}

/** Every container on the host (running or not), service containers marked; start times filled for running ones. */
export async function listContainers(
  hostId: string,
  isService: ServiceMatcher,
): Promise<ContainerView[]> {
  const d = await remote.docker(hostId);
  let infos: Dockerode.ContainerInfo[];
  try {
    infos = await d.listContainers({ all: true });
  } catch (err) {
    throw asDockerError(err, hostId, 'list containers');
  }
  const replaced = replacedIds(
    infos.map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? '').replace(/^\//, ''),
      image: c.Image,
      labels: c.Labels ?? {},
    })),
  );
  const views = infos.map((c) => toView(c, isService, replaced));
  // The list call has no start time; inspect the running ones (in parallel, same pooled connection).
  await Promise.all(
    views
      .filter((v) => v.state === 'running')
      .map(async (v) => {
        try {
          const info = await d.getContainer(v.id).inspect();
          v.startedAt = info.State?.StartedAt ?? null;
        } catch {
          v.startedAt = null; // removed between list and inspect
        }
      }),
  );
  return views.sort((a, b) => a.name.localeCompare(b.name));
}

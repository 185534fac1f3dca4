import type Dockerode from 'dockerode';
import type { RemedyContext } from '../../types';

// Docker engine calls of the shm re-creation, each small and safe to repeat (rollback reads the real state first).

export interface Names {
  name: string;
  tmpName: string;
  oldName: string;
  oldId: string;
  image: string;
}

export async function inspectNamed(
  d: Dockerode,
  name: string,
): Promise<Dockerode.ContainerInspectInfo | null> {
  return d
    .getContainer(name)
    .inspect()
    .catch((e: { statusCode?: number }) => {
      if (e?.statusCode === 404) return null;
      throw e;
    });
}

const ignore = (codes: number[]) => (e: { statusCode?: number }) => {
  if (!codes.includes(e?.statusCode ?? 0)) throw e;
};

export async function stopQuietly(d: Dockerode, id: string, t: number): Promise<void> {
  await d
    .getContainer(id)
    .stop({ t })
    .catch(ignore([304, 404]));
}

/**
 * Puts the original back under its own name and running, whatever step the re-creation reached: the new container
 * (never the original) is stopped and removed, the original renamed back and started, the commit image removed.
 */
export async function restoreOriginal(
  ctx: RemedyContext,
  n: Names,
  stopTimeoutS: number,
): Promise<void> {
  const d = await ctx.docker({ timeoutMs: 120_000 });
  for (const candidate of [n.name, n.tmpName]) {
    const c = await inspectNamed(d, candidate);
    if (c && c.Id !== n.oldId) {
      ctx.log(`removing the new container ${c.Name.replace(/^\//, '')} (${c.Id.slice(0, 12)})`);
      await stopQuietly(d, c.Id, Math.min(stopTimeoutS, 10));
      await d
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(ignore([404]));
    }
  }
  const old = await d
    .getContainer(n.oldId)
    .inspect()
    .catch(() => null);
  if (!old) {
    await d
      .getImage(n.image)
      .remove()
      .catch(() => undefined);
    throw new Error(
      `the original container ${n.oldId.slice(0, 12)} is gone (removed by someone else): it cannot be restored; re-create it from its compose file or image`,
    );
  }
  if (old.Name.replace(/^\//, '') !== n.name) {
    ctx.log(`renaming ${old.Name.replace(/^\//, '')} back to ${n.name}`);
    await d.getContainer(n.oldId).rename({ name: n.name });
  }
  if (!old.State.Running) {
    ctx.log(`starting the original container ${n.name}`);
    await d
      .getContainer(n.oldId)
      .start()
      .catch(ignore([304]));
  }
  await d
    .getImage(n.image)
    .remove()
    .catch(() => undefined);
}

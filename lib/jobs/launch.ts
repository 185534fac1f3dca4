import { renderText } from '@/lib/i18n/text';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { actorName } from '@/lib/audit/actor';
import type { Actor } from '@/lib/auth/types';
import { getHost } from '@/lib/hosts/service';
import { remote } from '@/lib/remote';
import { remoteContext } from '@/lib/remedies/context';
import type { RemedyContext, RunnableStep, Target } from '@/lib/remedies/types';
import { containerRef, fieldIssueOf } from '@/lib/validate/values';
import { acquireLock, releaseLock } from '@/lib/locks/container-lock';
import { thisOwner } from './owner';
import { JOB_TEST_TIMEOUT_MS } from './job-tests';
import { isBlocked } from './plan';
import { whatChanged } from './preview-cache';
import { forgetPreviews } from './preview-flight';
import { runJob } from './runner';
import { appendEvent, getJobRow, insertJob, newJobId, setLockToken, toView } from './store';
import type { JobKind, JobPlan, JobView } from './types';

// Starting a job: target checked, lock taken, plan made under the lock (so the state cannot change between the plan
// and the run), compared with what the operator confirmed, persisted, then run in the background.

const VERIFY_AND_MARGIN_MS = 240_000;

export interface ResolvedTarget {
  target: Target;
  hostName: string;
}

/** The host exists and the container is named by Docker's rules and exists there; before anything else remote. */
export async function resolveTarget(hostId: unknown, container: unknown): Promise<ResolvedTarget> {
  const c = containerRef('container', container);
  if (!c.ok) throw new ValidationError([fieldIssueOf(c.problem)]);
  if (typeof hostId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(hostId))
    throw new ValidationError([{ field: 'hostId', message: 'must be a host id' }]);
  const host = await getHost(hostId);
  if (!host) throw new NotFoundError(`host ${hostId}`);
  const d = await remote.docker(hostId);
  const found = await d
    .getContainer(c.value)
    .inspect()
    .then(
      () => true,
      (e: { statusCode?: number }) => {
        if (e?.statusCode === 404) return false;
        throw e;
      },
    );
  if (!found) throw new NotFoundError(`container ${c.value} on ${host.name}`);
  return { target: { hostId, container: c.value }, hostName: host.name };
}

export type Planner = (ctx: RemedyContext) => Promise<{ plan: JobPlan; steps: RunnableStep[] }>;

export interface LaunchInput {
  actor: Actor;
  kind: JobKind;
  name: string;
  resolved: ResolvedTarget;
  params: Record<string, unknown>;
  planner: Planner;
  /** The plan hash the operator confirmed; when given and the fresh plan differs, nothing runs. */
  confirm?: string;
  undoOf?: string | null;
  /** A runbook's short throughput test before and after. */
  tests?: boolean;
}

export interface Launched {
  job: JobView;
  /** Settles when the job has finished (the CLI waits on it; the web answers at once). */
  done: Promise<JobView>;
}

export async function launch(input: LaunchInput): Promise<Launched> {
  const { target, hostName } = input.resolved;
  const jobId = newJobId();
  const lock = await acquireLock(target.hostId, hostName, target.container, jobId);
  let planned: Awaited<ReturnType<Planner>>;
  try {
    planned = await input.planner(remoteContext(target));
    if (input.confirm !== undefined && input.confirm !== planned.plan.hash) {
      throw new ConflictError(
        `the container changed since the preview (${whatChanged(input.confirm, planned.plan)}): preview again and confirm the new plan`,
      );
    }
    const blocked = isBlocked(planned.plan);
    if (blocked) throw new ConflictError(`refused: ${renderText(blocked.text, 'en')}`);
    await insertJob(jobId, {
      kind: input.kind,
      remedy: input.name,
      hostId: target.hostId,
      hostName,
      container: target.container,
      params: input.params,
      plan: planned.plan,
      undo:
        input.kind === 'undo'
          ? null
          : planned.plan.parts.map((p) => ({ remedy: p.remedy, undo: p.undo })),
      undoOf: input.undoOf ?? null,
      owner: thisOwner(),
      actor: {
        id: input.actor.user?.id ?? null,
        name: actorName(input.actor),
        via: input.actor.via,
      },
    });
    await setLockToken(jobId, lock.token);
    await appendEvent(jobId, 'status', null, 'running');
  } catch (e) {
    await releaseLock(target.hostId, target.container, lock);
    throw e;
  }
  // Previews of this container shown before the job say nothing about it now, nor once it ends.
  forgetPreviews(target.hostId, target.container);
  const testsMs = input.tests ? 2 * JOB_TEST_TIMEOUT_MS : 0;
  const timeoutMs =
    planned.steps.reduce((s, x) => s + x.timeoutMs, 0) + VERIFY_AND_MARGIN_MS + testsMs;
  const done = runJob({
    jobId,
    actor: input.actor,
    target,
    plan: planned.plan,
    steps: planned.steps,
    lock,
    timeoutMs,
    tests: input.tests,
  });
  done.catch(() => undefined).finally(() => forgetPreviews(target.hostId, target.container));
  return { job: toView((await getJobRow(jobId))!), done };
}

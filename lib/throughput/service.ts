// The throughput domain's one door for the web and `dhc` alike: role checks, input validation and the audit log
// happen here, so a test run started from the CLI is recorded exactly like one started from the browser.
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { audited } from '@/lib/auth/audited';
import { ConflictError, fromZodIssues, NotFoundError } from '@/lib/errors';
import { actorName } from '@/lib/audit/actor';
import { requireActorRole } from '@/lib/auth/guard';
import type { Actor } from '@/lib/auth/types';
import { getHost } from '@/lib/hosts/service';
import { builtinPair } from './builtin';
import { deleteInput, listInputs, saveUpload, type TestInput } from './inputs';
import { cancelRun, getRun, listRuns, startRun, type RunView } from './runs';

export const runRequestSchema = z.object({
  hostId: z.string().min(1).max(100),
  container: z.string().min(1).max(128),
  audioId: z.string().max(100).optional(),
  videoId: z.string().max(100).optional(),
  builtin: z.boolean().optional(),
  jobs: z.number().int().min(1).max(50).optional(),
  concurrency: z.number().int().min(1).max(20).optional(),
  /** Seconds a run may take in all (the CLI's --timeout); the default otherwise. */
  timeoutS: z
    .number()
    .int()
    .min(10)
    .max(24 * 3600)
    .optional(),
});
export type RunRequest = z.input<typeof runRequestSchema>;

/** Starts a run (operators); answers with its id at once, `done` settles when it ends. Audited as started. */
export async function startTestRun(
  actor: Actor,
  raw: unknown,
): Promise<{ id: string; done: Promise<RunView> }> {
  const parsed = runRequestSchema.safeParse(raw);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const b = parsed.data;
  const host = await getHost(b.hostId);
  return audited(
    actor,
    'operator',
    'throughput.run.start',
    `${host?.name ?? b.hostId}/${b.container}`,
    b,
    async () => {
      if (!host) throw new NotFoundError(`host ${b.hostId}`);
      const pair = b.builtin || !b.audioId || !b.videoId ? await builtinPair() : null;
      return startRun({
        hostId: b.hostId,
        container: b.container,
        audioId: pair?.audio.id ?? b.audioId!,
        videoId: pair?.video.id ?? b.videoId!,
        jobs: b.jobs,
        concurrency: b.concurrency,
        timeoutMs: b.timeoutS === undefined ? undefined : b.timeoutS * 1000,
        actor: actorName(actor),
      });
    },
  );
}

export async function cancelTestRun(actor: Actor, id: string, why?: string): Promise<void> {
  await getRun(id);
  await audited(actor, 'operator', 'throughput.run.cancel', id, null, async () => {
    if (!cancelRun(id, why)) throw new ConflictError(`run ${id} is not running in this console`);
  });
}

export async function deleteTestInput(actor: Actor, id: string): Promise<void> {
  await audited(actor, 'operator', 'throughput.input.delete', id, null, () => deleteInput(id));
}

/** A stored test input from a stream (the CLI's local file; the web's upload goes through upload-request.ts). */
export async function storeTestInput(
  actor: Actor,
  body: Readable,
  kind: 'audio' | 'video',
  name: string,
  limit: number,
): Promise<TestInput> {
  return audited(actor, 'operator', 'throughput.upload', name, { kind, name }, () =>
    saveUpload(body, kind, name, limit),
  );
}

export async function listTestRuns(
  actor: Actor,
  q: { hostId?: string; container?: string },
): Promise<RunView[]> {
  requireActorRole(actor, 'viewer');
  return listRuns(q);
}

export async function listTestInputs(actor: Actor): Promise<TestInput[]> {
  requireActorRole(actor, 'viewer');
  return listInputs();
}

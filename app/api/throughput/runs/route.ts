import { z } from 'zod';
import { audited } from '@/lib/audit/audited';
import { fromZodIssues } from '@/lib/auth/errors';
import { getHost } from '@/lib/hosts/service';
import { NotFoundError } from '@/lib/auth/errors';
import { builtinPair, listRuns, startRun } from '@/lib/throughput';
import { jsonBody } from '@/lib/web/json-body';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

const StartBody = z.object({
  hostId: z.string().min(1).max(100),
  container: z.string().min(1).max(128),
  audioId: z.string().max(100).optional(),
  videoId: z.string().max(100).optional(),
  builtin: z.boolean().optional(),
  jobs: z.number().int().min(1).max(50).optional(),
  concurrency: z.number().int().min(1).max(20).optional(),
});

export const GET = withRole({ name: 'throughput.runs.read', role: 'viewer' }, async (req) => {
  const u = new URL(req.url);
  return { runs: await listRuns({ hostId: u.searchParams.get('hostId') ?? undefined, container: u.searchParams.get('container') ?? undefined }) };
});

// Starts a run and answers at once with its id; the page follows it by polling GET /api/throughput/runs/ID.
export const POST = withRole({ name: 'throughput.run.start', role: 'operator', mutates: true }, async (req, who) => {
  const parsed = StartBody.safeParse(await jsonBody(req));
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const b = parsed.data;
  if (!(await getHost(b.hostId))) throw new NotFoundError(`no host ${b.hostId}`);
  return audited(who.actor, 'operator', 'throughput.run.start', `${b.hostId}/${b.container}`, b, async () => {
    const pair = b.builtin || !b.audioId || !b.videoId ? await builtinPair() : null;
    const { id } = await startRun({
      hostId: b.hostId, container: b.container, audioId: pair?.audio.id ?? b.audioId!, videoId: pair?.video.id ?? b.videoId!,
      jobs: b.jobs, concurrency: b.concurrency, actor: who.user?.username ?? 'unknown',
    });
    return { id };
  });
});

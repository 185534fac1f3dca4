import { listTestRuns, runRequestSchema, startTestRun } from '@/lib/throughput/service';
import { mutationRoute } from '@/lib/web/mutation';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

export const GET = withRole({ name: 'throughput.runs.read', role: 'viewer' }, async (req, who) => {
  const u = new URL(req.url);
  const q = {
    hostId: u.searchParams.get('hostId') ?? undefined,
    container: u.searchParams.get('container') ?? undefined,
  };
  return { runs: await listTestRuns(who.actor, q) };
});

// Starts a run and answers at once with its id; the page follows it by polling GET /api/throughput/runs/ID.
export const POST = mutationRoute({
  name: 'throughput.run.start',
  role: 'operator',
  input: runRequestSchema,
  audit: 'self',
  handler: async (input, who) => ({ id: (await startTestRun(who.actor, input)).id }),
});

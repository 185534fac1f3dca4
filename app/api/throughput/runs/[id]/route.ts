import { compareRuns, getRun, previousRun } from '@/lib/throughput';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

// One run with its figures, and the comparison with the previous finished run on the same container.
export const GET = withRole<Ctx>(
  { name: 'throughput.run.read', role: 'viewer' },
  async (_req, _who, ctx) => {
    const run = await getRun((await ctx.params).id);
    const before = run.status === 'running' ? null : await previousRun(run);
    const comparison =
      before?.detail.figures && run.detail.figures
        ? compareRuns(before.detail.figures, run.detail.figures)
        : null;
    return {
      run,
      before: before
        ? { id: before.id, startedAt: before.startedAt, state: before.detail.state }
        : null,
      comparison,
    };
  },
);

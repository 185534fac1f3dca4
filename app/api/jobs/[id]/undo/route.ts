import { startUndo } from '@/lib/jobs/service';
import { jsonBody, optionalString } from '@/lib/web/json-body';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

export const POST = withRole<Ctx>(
  { name: 'job.undo', role: 'operator', mutates: true },
  async (req, id, ctx) => {
    const { job } = await startUndo(
      id.actor,
      (await ctx.params).id,
      optionalString(await jsonBody(req), 'confirm'),
    );
    return Response.json({ job }, { status: 201, headers: { 'cache-control': 'no-store' } });
  },
);

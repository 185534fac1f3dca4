import { jobEventStream } from '@/lib/jobs/event-stream';
import { getJob } from '@/lib/jobs/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string }> };

// Server-sent events of one job's live log; EventSource reconnects with Last-Event-ID and resumes after it.
export const GET = withRole<Ctx>({ name: 'job.events', role: 'viewer' }, async (req, id, ctx) => {
  const job = await getJob(id.actor, (await ctx.params).id);
  const fromHeader = Number(
    req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('after') ?? 0,
  );
  const after = Number.isInteger(fromHeader) && fromHeader > 0 ? fromHeader : 0;
  return new Response(jobEventStream(job.id, after, req.signal), {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
});

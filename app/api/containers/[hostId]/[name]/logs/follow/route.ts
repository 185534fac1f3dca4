import { admitFollower } from '@/lib/health/log-follow';
import { logToFollow } from '@/lib/health/service';
import { logFollowStream } from '@/lib/web/log-follow-stream';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ hostId: string; name: string }> };

// `?source=gradio|dh|docker&lines=N`: server-sent events of one log, its last N lines first, then each new line.
// Closing the page ends it; each host serves a bounded number (503 with Retry-After past it).
export const GET = withRole<Ctx>(
  { name: 'container.logs.follow', role: 'viewer' },
  async (req, _id, ctx) => {
    const { hostId, name } = await ctx.params;
    const q = new URL(req.url).searchParams;
    const what = await logToFollow(
      hostId,
      name,
      q.get('source') ?? 'gradio',
      Number(q.get('lines') ?? '500'),
    );
    const release = admitFollower(hostId);
    return new Response(logFollowStream(hostId, what, req.signal, release), {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  },
);

import { getContainerLogs } from '@/lib/health/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ hostId: string; name: string }> };

// `?source=gradio|dh|docker&lines=N`: the tail of one log with signature highlights, read from the container now.
export const GET = withRole<Ctx>(
  { name: 'container.logs', role: 'viewer' },
  async (req, _id, ctx) => {
    const { hostId, name } = await ctx.params;
    const q = new URL(req.url).searchParams;
    return getContainerLogs(
      hostId,
      name,
      q.get('source') ?? 'gradio',
      Number(q.get('lines') ?? '500'),
    );
  },
);

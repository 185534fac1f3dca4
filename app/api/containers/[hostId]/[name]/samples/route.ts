import { getContainerSeries } from '@/lib/health/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ hostId: string; name: string }> };

// `?range=1h|6h|24h|7d|30d`: stored samples for the charts (minutes up to a day, hours beyond).
export const GET = withRole<Ctx>(
  { name: 'container.samples', role: 'viewer' },
  async (req, _id, ctx) => {
    const { hostId, name } = await ctx.params;
    return getContainerSeries(hostId, name, new URL(req.url).searchParams.get('range') ?? '24h');
  },
);

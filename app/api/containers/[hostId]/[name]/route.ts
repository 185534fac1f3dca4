import { getContainerHealth } from '@/lib/health/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ hostId: string; name: string }> };

// The latest probe report of one container: values, signature counts and ranked findings (message ids + params).
export const GET = withRole<Ctx>(
  { name: 'container.read', role: 'viewer' },
  async (_req, _id, ctx) => {
    const { hostId, name } = await ctx.params;
    return getContainerHealth(hostId, name);
  },
);

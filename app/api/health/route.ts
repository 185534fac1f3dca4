import { getHealthOverview } from '@/lib/health/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// Every probed container with its health and top finding, plus fleet-wide counts (the fleet-health page polls it).
export const GET = withRole({ name: 'health.read', role: 'viewer' }, () => getHealthOverview());

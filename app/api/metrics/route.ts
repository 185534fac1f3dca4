import { listHosts } from '@/lib/hosts/service';
import { bearerAllowed } from '@/lib/health/metrics-auth';
import { renderMetrics } from '@/lib/health/metrics';
import { healthScheduler } from '@/lib/health/scheduler';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

async function metrics(): Promise<Response> {
  const { body, contentType } = await renderMetrics(healthScheduler(), await listHosts());
  return new Response(body, {
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
  });
}

const forViewer = withRole({ name: 'metrics.read', role: 'viewer' }, () => metrics());

// Prometheus text format. A scraper sends `Authorization: Bearer <token>` (CONSOLE_METRICS_TOKEN or the admin's
// setting); a browser with a viewer session may read it too. Anything else gets the usual 401/403.
export async function GET(req: Request): Promise<Response> {
  if (req.headers.has('authorization')) {
    if (await bearerAllowed(req.headers.get('authorization'))) return metrics();
    return Response.json(
      { error: { code: 'unauthenticated', message: 'bad metrics token' } },
      { status: 401, headers: { 'www-authenticate': 'Bearer' } },
    );
  }
  return forViewer(req, undefined);
}

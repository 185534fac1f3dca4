import { listHosts } from '@/lib/hosts/service';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// HostView never holds the private key; viewers see the same fields on the fleet page.
export const GET = withRole({ name: 'host.list', role: 'viewer' }, async () => ({
  hosts: await listHosts(),
}));

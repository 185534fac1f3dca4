import { ValidationError } from '@/lib/errors';
import { sharedFleetSnapshot } from '@/lib/fleet/shared-snapshot';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// `?host=ID` (repeatable) limits the snapshot to those hosts: the fleet page asks per host so that one
// slow host never delays the others. Without it, the whole fleet (for scripts). Every reader shares one refresh per
// host per CONSOLE_FLEET_REFRESH_MS (lib/fleet/shared-snapshot.ts), so polling tabs do not multiply Docker calls.
export const GET = withRole({ name: 'fleet.read', role: 'viewer' }, async (req) => {
  const ids = new URL(req.url).searchParams.getAll('host');
  if (ids.some((id) => id.length === 0 || id.length > 64))
    throw new ValidationError([{ field: 'host', message: 'must be a host id' }]);
  return sharedFleetSnapshot(ids.length ? { hostIds: ids } : {});
});

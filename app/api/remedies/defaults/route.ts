import { z } from 'zod';
import { getRemedyDefaults, setRemedyDefaults } from '@/lib/remedies/settings';
import { mutationRoute } from '@/lib/web/mutation';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// The remedies' defaults (version, index, sizes, session options): everyone reads them, admins change them (audited).
export const GET = withRole({ name: 'remedies.defaults.read', role: 'viewer' }, async () => ({
  defaults: await getRemedyDefaults(),
}));

// A JSON object here; the settings' own schema checks every value (and names the field) as it stores them.
export const PUT = mutationRoute({
  name: 'remedies.defaults.update',
  role: 'admin',
  input: z.record(z.string(), z.unknown()),
  audit: 'self',
  handler: async (input, id) => ({ defaults: await setRemedyDefaults(id.actor, input) }),
});

import { getRemedyDefaults, setRemedyDefaults } from '@/lib/remedies/settings';
import { jsonBody } from '@/lib/web/json-body';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// The remedies' defaults (version, index, sizes, session options): everyone reads them, admins change them (audited).
export const GET = withRole({ name: 'remedies.defaults.read', role: 'viewer' }, async () => ({
  defaults: await getRemedyDefaults(),
}));

export const PUT = withRole(
  { name: 'remedies.defaults.update', role: 'admin', mutates: true },
  async (req, id) => ({
    defaults: await setRemedyDefaults(id.actor, await jsonBody(req)),
  }),
);

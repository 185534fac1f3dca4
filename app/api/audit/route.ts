import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { readAudit } from '@/lib/hosts/audit-names';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,64}$/)
    .optional(),
  actor: z.string().min(1).max(64).optional(),
  target: z.string().min(1).max(128).optional(),
});

// Read-only by construction: the audit log has no route that writes, edits or deletes.
export const GET = withRole({ name: 'audit.list', role: 'admin' }, async (req) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = query.safeParse(params);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    );
  }
  return { entries: await readAudit(parsed.data) };
});

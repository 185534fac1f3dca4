'use server';

import { z } from 'zod';
import { fingerprintSchema } from '@/lib/hosts/schema';
import { trustHostKey as pinHostKey, type HostView } from '@/lib/hosts/service';
import { defineAction } from '@/lib/web/action';

// Admin only: accepting a first key and re-pinning after a mismatch are the same act, and both are audited.
const run = defineAction({
  name: 'host.trust',
  role: 'admin',
  input: z.object({ id: z.string().min(1).max(64), fingerprint: fingerprintSchema }),
  audit: 'self',
  handler: async ({ id, fingerprint }, ctx): Promise<HostView> =>
    pinHostKey(ctx.actor, id, fingerprint),
});

export async function trustHostKey(raw: unknown) {
  return run(raw);
}

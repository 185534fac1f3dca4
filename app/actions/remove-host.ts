'use server';

import { z } from 'zod';
import { removeHost } from '@/lib/hosts/service';
import { defineAction } from '@/lib/web/action';

const run = defineAction({
  name: 'host.remove',
  role: 'admin',
  input: z.object({ id: z.string().min(1).max(64) }),
  audit: 'self',
  handler: async ({ id }, ctx) => {
    await removeHost(ctx.actor, id);
    return null;
  },
});

export async function removeHostAction(raw: unknown) {
  return run(raw);
}

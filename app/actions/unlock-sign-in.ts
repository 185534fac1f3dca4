'use server';

import { z } from 'zod';
import { unlockSignIn, type UnlockResult } from '@/lib/auth/unlock';
import { defineAction } from '@/lib/web/action';

// Admins lift a sign-in lock (a user name, or a client address); lib/auth/unlock.ts validates and audits.
const run = defineAction({
  name: 'auth.unlock',
  role: 'admin',
  input: z.object({
    username: z.string().max(64).optional(),
    address: z.string().max(64).optional(),
  }),
  audit: 'self',
  target: (i) => i.username ?? i.address,
  handler: async (input, ctx): Promise<UnlockResult> => unlockSignIn(ctx.actor, input),
});

export async function unlockSignInAction(raw: unknown) {
  return run(raw);
}

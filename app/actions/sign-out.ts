'use server';

import { z } from 'zod';
import { logout } from '@/lib/auth/session';
import { defineAction } from '@/lib/web/action';
import { clearSessionCookie } from '@/lib/web/session';

// Public so that an expired session can still clear its cookie; it only ever ends the caller's own session.
const run = defineAction({
  name: 'auth.logout',
  role: 'public',
  input: z.undefined().or(z.object({}).strict()),
  audit: 'self',
  handler: async (_input, ctx) => {
    if (ctx.token) await logout(ctx.token);
    await clearSessionCookie();
    return null;
  },
});

export async function signOut(raw?: unknown) {
  return run(raw);
}

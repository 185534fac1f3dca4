'use server';

import { z } from 'zod';
import { login } from '@/lib/auth/session';
import type { User } from '@/lib/auth/types';
import { defineAction } from '@/lib/web/action';
import { setSessionCookie } from '@/lib/web/session';

const input = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
});

// Public by nature; lib/auth/session.ts rate-limits and audits every attempt (ok and failed).
const run = defineAction({
  name: 'auth.login',
  role: 'public',
  input,
  audit: 'self',
  handler: async ({ username, password }, ctx): Promise<User> => {
    const session = await login({ username, password }, { ip: ctx.actor.ip ?? null });
    await setSessionCookie(session.token, session.expiresAt);
    return session.user;
  },
});

export async function signIn(raw: unknown) {
  return run(raw);
}

'use server';

import { z } from 'zod';
import { login } from '@/lib/auth/session';
import type { User } from '@/lib/auth/types';
import { passwordSchema, setupFirstAdmin, usernameSchema } from '@/lib/auth/users';
import { defineAction } from '@/lib/web/action';
import { setSessionCookie } from '@/lib/web/session';

const input = z.object({ username: usernameSchema, password: passwordSchema });

// Public, but lib/ refuses with `setup_done` once any user exists, so it can create exactly one admin.
const run = defineAction({
  name: 'auth.setup',
  role: 'public',
  input,
  audit: 'self',
  target: (i) => i.username,
  handler: async ({ username, password }, ctx): Promise<User> => {
    await setupFirstAdmin({ username, password }, ctx.actor);
    const session = await login({ username, password }, { ip: ctx.actor.ip ?? 'unknown' });
    await setSessionCookie(session.token, session.expiresAt);
    return session.user;
  },
});

export async function setupAdmin(raw: unknown) {
  return run(raw);
}

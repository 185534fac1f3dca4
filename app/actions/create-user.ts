'use server';

import { z } from 'zod';
import { ROLES, type Role, type User } from '@/lib/auth/types';
import { createUser, passwordSchema, usernameSchema } from '@/lib/auth/users';
import { defineAction } from '@/lib/web/action';

const run = defineAction({
  name: 'user.create',
  role: 'admin',
  input: z.object({
    username: usernameSchema,
    password: passwordSchema,
    role: z.enum(ROLES as [Role, ...Role[]]),
  }),
  audit: 'self',
  handler: async (input, ctx): Promise<User> => createUser(ctx.actor, input),
});

export async function createUserAction(raw: unknown) {
  return run(raw);
}

'use server';

import { z } from 'zod';
import { ROLES, type Role, type User } from '@/lib/auth/types';
import { setUserRole } from '@/lib/auth/users';
import { defineAction } from '@/lib/web/action';

const run = defineAction({
  name: 'user.set_role',
  role: 'admin',
  input: z.object({ id: z.string().min(1).max(64), role: z.enum(ROLES as [Role, ...Role[]]) }),
  audit: 'self',
  handler: async ({ id, role }, ctx): Promise<User> => setUserRole(ctx.actor, id, role),
});

export async function setUserRoleAction(raw: unknown) {
  return run(raw);
}

'use server';

import { z } from 'zod';
import type { User } from '@/lib/auth/types';
import {
  changeOwnPassword,
  deleteUser,
  resetPassword,
  setUserDisabled,
} from '@/lib/auth/user-lifecycle';
import { defineAction } from '@/lib/web/action';

// A user's life after creation, each through the one action chain; lib/auth/user-lifecycle.ts audits and decides.
const userId = z.string().min(1).max(64);

const changeOwn = defineAction({
  name: 'user.change_password',
  role: 'viewer',
  input: z.object({ current: z.string().max(256), next: z.string().max(256) }),
  audit: 'self',
  handler: async (input, ctx): Promise<null> => {
    await changeOwnPassword(ctx.actor, input, ctx.token);
    return null;
  },
});

const reset = defineAction({
  name: 'user.reset_password',
  role: 'admin',
  input: z.object({ id: userId, password: z.string().max(256) }),
  audit: 'self',
  handler: async ({ id, password }, ctx): Promise<User> => resetPassword(ctx.actor, id, password),
});

const setDisabled = defineAction({
  name: 'user.set_disabled',
  role: 'admin',
  input: z.object({ id: userId, disabled: z.boolean() }),
  audit: 'self',
  handler: async ({ id, disabled }, ctx): Promise<User> => setUserDisabled(ctx.actor, id, disabled),
});

const remove = defineAction({
  name: 'user.delete',
  role: 'admin',
  input: z.object({ id: userId }),
  audit: 'self',
  handler: async ({ id }, ctx): Promise<null> => {
    await deleteUser(ctx.actor, id);
    return null;
  },
});

export async function changeOwnPasswordAction(raw: unknown) {
  return changeOwn(raw);
}

export async function resetPasswordAction(raw: unknown) {
  return reset(raw);
}

export async function setUserDisabledAction(raw: unknown) {
  return setDisabled(raw);
}

export async function deleteUserAction(raw: unknown) {
  return remove(raw);
}

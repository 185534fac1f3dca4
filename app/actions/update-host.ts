'use server';

import { z } from 'zod';
import { generateKeyPair, updateHost, type HostView } from '@/lib/hosts/service';
import { defineAction } from '@/lib/web/action';
import { hostFormSchema } from './host-form-schema';

const input = hostFormSchema.extend({ id: z.string().min(1).max(64) });

// Admin only. keyMode "keep" leaves the stored key; the pinned host key is never changed here (see trust-host-key).
const run = defineAction({
  name: 'host.update',
  role: 'admin',
  input,
  audit: 'self',
  handler: async (
    { id, keyMode, ...fields },
    ctx,
  ): Promise<{ host: HostView; publicKey: string | null }> => {
    const pair = keyMode === 'generate' ? generateKeyPair() : null;
    const privateKey = pair ? pair.privateKey : keyMode === 'paste' ? fields.privateKey : undefined;
    const host = await updateHost(ctx.actor, id, { ...fields, privateKey });
    return { host, publicKey: pair?.publicKey ?? null };
  },
});

export async function updateHostAction(raw: unknown) {
  return run(raw);
}

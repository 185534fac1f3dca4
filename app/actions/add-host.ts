'use server';

import { addHost, generateKeyPair, type HostView } from '@/lib/hosts/service';
import { defineAction } from '@/lib/web/action';
import { hostFormSchema } from './host-form-schema';

const input = hostFormSchema.refine((d) => d.keyMode !== 'keep', {
  path: ['keyMode'],
  message: 'a new host needs a key',
});

// Admin only. lib/hosts audits the change itself.
const run = defineAction({
  name: 'host.add',
  role: 'admin',
  input,
  audit: 'self',
  handler: async (
    { keyMode, ...fields },
    ctx,
  ): Promise<{ host: HostView; publicKey: string | null }> => {
    const pair = keyMode === 'generate' ? generateKeyPair() : null;
    const host = await addHost(ctx.actor, {
      ...fields,
      privateKey: pair ? pair.privateKey : fields.privateKey,
    });
    return { host, publicKey: pair?.publicKey ?? null };
  },
});

export async function addHostAction(raw: unknown) {
  return run(raw);
}

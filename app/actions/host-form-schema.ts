import { z } from 'zod';
import { hostInputSchema } from '@/lib/hosts/schema';

// Shared by add-host and update-host. Not a 'use server' file: it exports a schema, not an action.
// keyMode says where the private key comes from; "generate" makes a pair on the server and only the
// public half goes back to the browser.
export const hostFormSchema = hostInputSchema.extend({
  keyMode: z.enum(['paste', 'generate', 'keep']),
});

export type HostFormInput = z.input<typeof hostFormSchema>;

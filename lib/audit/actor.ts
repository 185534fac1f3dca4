import type { Actor } from '@/lib/auth/types';

/** The name an action is recorded under: the signed-in user, or `local-admin` for the CLI on the console host. */
export function actorName(actor: Actor): string {
  return actor.user ? actor.user.username : 'local-admin';
}

import { AuthError } from './errors';
import type { Actor, Role, User } from './types';

const rank: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export function roleAtLeast(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}

/** admin ⊇ operator ⊇ viewer. Throws `unauthenticated` for no user and `forbidden` for too low a role. */
export function requireRole(user: User | null, role: Role): User {
  if (!user) throw new AuthError('unauthenticated');
  if (!roleAtLeast(user.role, role))
    throw new AuthError('forbidden', `this needs the ${role} role (you are ${user.role})`);
  return user;
}

/** Same check for an Actor: the local CLI administrator (user null, via cli) holds every role. */
export function requireActorRole(actor: Actor, role: Role): void {
  if (actor.user === null && actor.via === 'cli') return;
  requireRole(actor.user, role);
}

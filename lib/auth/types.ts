export type Role = 'viewer' | 'operator' | 'admin';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

export interface User {
  id: string;
  username: string;
  role: Role;
}

/** Who does something. `user: null` is the local administrator using the `dhc` CLI on the console's machine. */
export interface Actor {
  user: User | null;
  via: 'web' | 'cli';
  ip?: string;
}

export const CLI_ADMIN: Actor = { user: null, via: 'cli' };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

import { cookies, headers } from 'next/headers';
import { getSessionUser, SESSION_COOKIE } from '@/lib/auth/session';
import type { Actor, User } from '@/lib/auth/types';
import { clientIp, isHttps } from './origin';

export interface RequestIdentity {
  user: User | null;
  token: string | undefined;
  actor: Actor;
  headers: Headers;
}

/** Session cookie → user (null when absent, expired or revoked); the actor is what the audit log records. */
export async function currentIdentity(): Promise<RequestIdentity> {
  const [jar, hdrs] = await Promise.all([cookies(), headers()]);
  const token = jar.get(SESSION_COOKIE)?.value;
  const user = token ? await getSessionUser(token) : null;
  const ip = clientIp(hdrs);
  return { user, token, actor: { user, via: 'web', ...(ip ? { ip } : {}) }, headers: hdrs };
}

export async function currentUser(): Promise<User | null> {
  return (await currentIdentity()).user;
}

export async function setSessionCookie(
  token: string,
  expiresAt: Date | number | string,
): Promise<void> {
  const [jar, hdrs] = await Promise.all([cookies(), headers()]);
  jar.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(hdrs),
    path: '/',
    expires: new Date(expiresAt),
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

import useSWR from 'swr';
import type { User } from '@/lib/auth/types';
import { fetchJson } from './fetch-json';

export type UserRow = User & { createdAt: string; disabledAt: string | null };

/** A sign-in lock: username '' locks an address for every name; address '' locks a name from every address. */
export interface SignInLock {
  username: string;
  address: string;
  failures: number;
  scope: 'user_address' | 'user' | 'address';
  until: string;
}

export function useUsers() {
  return useSWR<{ users: UserRow[]; locks: SignInLock[] }>('/api/users', fetchJson);
}

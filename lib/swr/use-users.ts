import useSWR from 'swr';
import type { User } from '@/lib/auth/types';
import { fetchJson } from './fetch-json';

export type UserRow = User & { createdAt: string };

export function useUsers() {
  return useSWR<{ users: UserRow[] }>('/api/users', fetchJson);
}

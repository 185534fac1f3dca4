import type { ActionError } from '@/lib/web/result';
import { ApiError } from './fetch-json';

/** POST a JSON body to a route handler; the browser sends Origin, which state-changing handlers check. */
export async function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body), cache: 'no-store' });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, (data as { error?: ActionError } | null)?.error ?? { code: 'internal', message: `HTTP ${res.status}` });
  return data as T;
}

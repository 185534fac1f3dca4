import type { ActionError } from '@/lib/web/result';
import { ApiError } from './fetch-json';

/** A JSON request to a route handler; the browser sends Origin, which state-changing handlers check. */
async function sendJson<T>(method: 'POST' | 'PUT', url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body), cache: 'no-store' });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, (data as { error?: ActionError } | null)?.error ?? { code: 'internal', message: `HTTP ${res.status}` });
  return data as T;
}

export function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  return sendJson<T>('POST', url, body);
}

/** Replaces a whole stored value (e.g. the remedy defaults); errors as postJson's. */
export function putJson<T>(url: string, body: unknown): Promise<T> {
  return sendJson<T>('PUT', url, body);
}

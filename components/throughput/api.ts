'use client';

import type { ActionError } from '@/lib/web/result';

/** A same-origin request to the throughput routes; throws the route's error (code + message) on failure. */
export async function send<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, cache: 'no-store' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw Object.assign(new Error('request failed'), { status: res.status, error: (body as { error?: ActionError } | null)?.error ?? { code: 'internal', message: `HTTP ${res.status}` } });
  return body as T;
}

export const postJson = <T,>(url: string, body: unknown) => send<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export type SendError = Error & { status: number; error: ActionError };

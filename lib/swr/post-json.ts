import type { ActionError } from '@/lib/web/result';
import { ApiError } from './fetch-json';

// The one way the browser sends to route handlers: same-origin (the browser sends Origin, which state-changing
// handlers check), the route's error (code + message) thrown as ApiError for translation.

/** Any request to a route handler; the answer's JSON, or ApiError. */
export async function sendRequest<T>(url: string, init: RequestInit): Promise<T> {
  const headers = {
    accept: 'application/json',
    ...(init.headers as Record<string, string> | undefined),
  };
  const res = await fetch(url, { ...init, headers, cache: 'no-store' });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      res.status,
      (data as { error?: ActionError } | null)?.error ?? {
        code: 'internal',
        message: `HTTP ${res.status}`,
      },
    );
  return data as T;
}

function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body: unknown): Promise<T> {
  return sendRequest<T>(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  return sendJson<T>('POST', url, body);
}

/** Replaces a whole stored value (e.g. the remedy defaults); errors as postJson's. */
export function putJson<T>(url: string, body: unknown): Promise<T> {
  return sendJson<T>('PUT', url, body);
}

export function deleteJson<T>(url: string): Promise<T> {
  return sendRequest<T>(url, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
}

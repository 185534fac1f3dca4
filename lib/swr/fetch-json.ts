import type { ActionError } from '@/lib/web/result';

/** An HTTP error from a route handler, carrying its stable code for translation. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ActionError,
  ) {
    super(error.message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: ActionError } | null)?.error ?? {
      code: 'internal',
      message: `HTTP ${res.status}`,
    };
    throw new ApiError(res.status, error);
  }
  return body as T;
}

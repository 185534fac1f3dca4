import { ValidationError } from '@/lib/errors';
import type { JobRequest } from './service';

/** A job request from a JSON body: hostId, container, name (remedy id or runbook), params. */
export function jobRequestFrom(body: Record<string, unknown>): JobRequest {
  const issues: { field: string; message: string }[] = [];
  const str = (k: string) => {
    const v = body[k];
    if (typeof v !== 'string' || v === '') issues.push({ field: k, message: 'is required' });
    return typeof v === 'string' ? v : '';
  };
  const req: JobRequest = { hostId: str('hostId'), container: str('container'), name: str('name') };
  const params = body.params;
  if (
    params !== undefined &&
    (typeof params !== 'object' || params === null || Array.isArray(params))
  )
    issues.push({ field: 'params', message: 'must be an object' });
  else if (params) req.params = params as Record<string, unknown>;
  if (issues.length) throw new ValidationError(issues);
  return req;
}

import { ValidationError } from '@/lib/errors';
import { startBatch, type BatchTarget } from '@/lib/jobs/batch';
import { jsonBody } from '@/lib/web/json-body';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// Fleet batch: { name, params, targets: [{hostId, container}], parallel } — canary first, then bounded waves.
export const POST = withRole(
  { name: 'job.batch', role: 'operator', mutates: true },
  async (req, id) => {
    const body = await jsonBody(req);
    if (typeof body.name !== 'string')
      throw new ValidationError([{ field: 'name', message: 'is required' }]);
    const targets = Array.isArray(body.targets) ? (body.targets as unknown[]) : [];
    const parsed: BatchTarget[] = targets.map((t, i) => {
      const o = t as Record<string, unknown> | null;
      if (!o || typeof o.hostId !== 'string' || typeof o.container !== 'string')
        throw new ValidationError([
          { field: `targets.${i}`, message: 'must be {hostId, container}' },
        ]);
      return { hostId: o.hostId, container: o.container };
    });
    const params =
      body.params && typeof body.params === 'object' && !Array.isArray(body.params)
        ? (body.params as Record<string, unknown>)
        : undefined;
    const { batch } = await startBatch(id.actor, {
      name: body.name,
      params,
      targets: parsed,
      parallel: typeof body.parallel === 'number' ? body.parallel : undefined,
    });
    return Response.json({ batch }, { status: 201, headers: { 'cache-control': 'no-store' } });
  },
);

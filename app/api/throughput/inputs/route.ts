import { recordAudit } from '@/lib/audit/log';
import { requireRole } from '@/lib/auth/guard';
import { listTestInputs } from '@/lib/throughput/service';
import { handleUpload } from '@/lib/throughput/upload-request';
import { assertSameOrigin } from '@/lib/web/origin';
import { jsonError, withRole } from '@/lib/web/route';
import { currentIdentity } from '@/lib/web/session';
import { uploadError } from '../errors';

export const dynamic = 'force-dynamic';

export const GET = withRole(
  { name: 'throughput.inputs.read', role: 'viewer' },
  async (_req, who) => ({ inputs: await listTestInputs(who.actor) }),
);

// Upload of one test input: the raw file as application/octet-stream (so the body streams to disk as it arrives;
// withRole's JSON-only rule cannot apply), ?kind=audio|video&name=... Origin and role are checked first.
export async function POST(req: Request): Promise<Response> {
  let identity: Awaited<ReturnType<typeof currentIdentity>> | undefined;
  try {
    identity = await currentIdentity();
    assertSameOrigin(req.headers);
    requireRole(identity.user, 'operator');
  } catch (err) {
    if (identity)
      await recordAudit({
        actor: identity.actor,
        action: 'throughput.upload',
        result: 'denied',
        error: (err as Error).message,
      }).catch(() => undefined);
    return jsonError(err);
  }
  try {
    const input = await handleUpload(req);
    await recordAudit({
      actor: identity.actor,
      action: 'throughput.upload',
      target: input.id,
      args: { kind: input.kind, name: input.name, size: input.size },
      result: 'ok',
    });
    return Response.json({ input }, { status: 201 });
  } catch (err) {
    await recordAudit({
      actor: identity.actor,
      action: 'throughput.upload',
      result: 'error',
      error: (err as Error).message,
    }).catch(() => undefined);
    return uploadError(err);
  }
}

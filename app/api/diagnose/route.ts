import { scanLogStream, TooLargeError } from '@/lib/diagnosis/scan-stream';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

// Classifies a pasted or uploaded log (the request body, any text) against the signature catalogue. It changes
// nothing and stores nothing; it still needs a session, and the body is read as a stream within a size limit.
export const POST = withRole({ name: 'diagnose.log', role: 'viewer' }, async (req) => {
  if (!req.body) return { bytes: 0, lines: 0, signatures: null, hits: [], findings: [] };
  try {
    return await scanLogStream(req.body);
  } catch (e) {
    if (e instanceof TooLargeError) return Response.json({ error: { code: 'invalid', message: e.message } }, { status: 413 });
    throw e;
  }
});

import { scanLogStream, TooLargeError } from '@/lib/diagnosis/scan-stream';
import { withRole } from '@/lib/web/route';
import { assertDeclaredSize, isJson, jsonLogStream } from './body';

export const dynamic = 'force-dynamic';

// Classifies a pasted or uploaded log (the request body: any text, or JSON `{"text": ...}`) against the signature
// catalogue, with the same scanner as `dhc diagnose`. It changes nothing and stores nothing, so it is not `mutates`
// (no Origin / JSON-only check: the page posts text/plain, and a cross-site post carries no session cookie, which
// is SameSite=Lax, and cannot read the answer). It still needs a session; the body is read within a size limit.
export const POST = withRole({ name: 'diagnose.log', role: 'viewer' }, async (req) => {
  try {
    assertDeclaredSize(req);
    if (!req.body) return await scanLogStream(new Blob([]).stream());
    return await scanLogStream(isJson(req) ? await jsonLogStream(req.body) : req.body);
  } catch (e) {
    if (e instanceof TooLargeError)
      return Response.json(
        { error: { code: 'invalid', message: e.message } },
        { status: 413, headers: { 'cache-control': 'no-store' } },
      );
    throw e;
  }
});

import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { getRun, outputsDir } from '@/lib/throughput';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ id: string; file: string }> };

// The output video of one job, with byte ranges (a <video> element seeks with Range requests).
export const GET = withRole<Ctx>(
  { name: 'throughput.output.read', role: 'viewer' },
  async (req, _who, ctx) => {
    const { id, file } = await ctx.params;
    if (!/^\d{1,3}\.mp4$/.test(file))
      throw new ValidationError([{ field: 'file', message: 'not an output name' }]);
    const run = await getRun(id); // an unknown run id is a 404 before any path is built
    const full = path.join(outputsDir(run.id), file);
    const stat = await fs.promises.stat(full).catch(() => null);
    if (!stat) throw new NotFoundError(`no output ${file} in run ${id}`);
    const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.get('range') ?? '');
    let start = 0;
    let end = stat.size - 1;
    if (m && (m[1] || m[2])) {
      if (m[1]) {
        start = Number(m[1]);
        if (m[2]) end = Math.min(Number(m[2]), end);
      } else start = Math.max(0, stat.size - Number(m[2]));
      if (start > end)
        return new Response(null, {
          status: 416,
          headers: { 'content-range': `bytes */${stat.size}` },
        });
    }
    const body = Readable.toWeb(fs.createReadStream(full, { start, end })) as ReadableStream;
    const headers: Record<string, string> = {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'content-length': String(end - start + 1),
      'cache-control': 'private, max-age=3600',
    };
    if (m && (m[1] || m[2])) headers['content-range'] = `bytes ${start}-${end}/${stat.size}`;
    return new Response(body, { status: m && (m[1] || m[2]) ? 206 : 200, headers });
  },
);

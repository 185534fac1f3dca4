import { followLog } from '@/lib/health/log-follow';
import type { LogSource } from '@/lib/health/logs';
import { toActionError } from './errors';

// A live log as server-sent events: `lines` (batches of highlighted lines), `rotated` (the file started over),
// `failed` (the log could not be read: the error as every route answers it, then the stream ends). A comment line every 15 s keeps proxies
// from closing a quiet stream. The follower stops when the reader goes (request aborted or stream cancelled).

const KEEPALIVE_MS = 15_000;

export function logFollowStream(
  hostId: string,
  what: { containerId: string; source: LogSource; lines: number },
  requestSignal: AbortSignal,
  release: () => void,
): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  requestSignal.addEventListener('abort', onAbort, { once: true });
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        if (!stop.signal.aborted)
          controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const keepAlive = setInterval(() => {
        if (!stop.signal.aborted) controller.enqueue(enc.encode(': keep-alive\n\n'));
      }, KEEPALIVE_MS);
      // A reader that reconnects gets the tail again: no retry storm on a host that refuses.
      controller.enqueue(enc.encode('retry: 5000\n\n'));
      try {
        await followLog(hostId, what.containerId, what.source, what.lines, stop.signal, {
          lines: (lines) => send('lines', { lines }),
          rotated: () => send('rotated', {}),
        });
        send('ended', {});
      } catch (err) {
        send('failed', { error: toActionError(err) });
      } finally {
        clearInterval(keepAlive);
        requestSignal.removeEventListener('abort', onAbort);
        release();
        try {
          controller.close();
        } catch {
          /* already closed by a cancel */
        }
      }
    },
    cancel() {
      stop.abort();
    },
  });
}

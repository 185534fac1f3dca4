import { jobBus } from './bus';
import { eventsAfter, getJobRow } from './store';

// A job's events as a server-sent-event stream: what is stored after `afterId` first (a reconnecting browser sends
// Last-Event-ID and misses nothing), then new events as they are stored, until the job has finished.

const POLL_MS = 1_000;
const KEEPALIVE_MS = 15_000;

export function jobEventStream(
  jobId: string,
  afterId: number,
  abort: AbortSignal,
): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let last = afterId;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (s: string) => controller.enqueue(enc.encode(s));
      let wake: (() => void) | null = null;
      const onEvent = () => wake?.();
      jobBus.on(jobId, onEvent);
      abort.addEventListener('abort', onEvent);
      let lastSent = Date.now();
      send('retry: 2000\n\n');
      try {
        while (!abort.aborted) {
          const events = await eventsAfter(jobId, last);
          for (const e of events) {
            if (e.type !== 'remote')
              send(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
            last = e.id;
            lastSent = Date.now();
          }
          if (events.length === 0) {
            const row = await getJobRow(jobId);
            if (row?.status !== 'running') {
              // The runner stores the status, then its last event: read once more so that event is not missed.
              const tail = await eventsAfter(jobId, last);
              for (const e of tail)
                if (e.type !== 'remote')
                  send(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
              send(`event: end\ndata: ${JSON.stringify({ status: row?.status ?? 'unknown' })}\n\n`);
              break;
            }
            if (Date.now() - lastSent > KEEPALIVE_MS) {
              send(': keep-alive\n\n');
              lastSent = Date.now();
            }
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, POLL_MS);
            });
            wake = null;
          }
        }
      } catch {
        /* the client went away or the store closed: end the stream */
      } finally {
        jobBus.off(jobId, onEvent);
        abort.removeEventListener('abort', onEvent);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      }
    },
  });
}

// Submits jobs to a Gradio 4 app through @gradio/client, the way the console's throughput test will.
import { Client, handle_file } from '@gradio/client';

export interface JobResult {
  ok: boolean;
  error: string | null;
  stages: string[]; // the raw SSE message kinds seen, in order (estimation, process_starts, ...)
  startedMs: number | null; // from submit to process_starts
  totalMs: number;
  video: { url: string; path: string; size: number } | null;
}

export async function runJob(client: Client, audio: string, video: string): Promise<JobResult> {
  const t0 = Date.now();
  const stages: string[] = [];
  let startedMs: number | null = null;
  let error: string | null = null;
  let data: unknown = null;
  const job = client.submit('/predict', [handle_file(audio), handle_file(video)]);
  for await (const msg of job) {
    if (msg.type === 'status') {
      const original = (msg as { original_msg?: string }).original_msg;
      if (original === 'process_starts') startedMs = Date.now() - t0;
      // an `estimation` message arrives as a pending status that carries the queue position
      stages.push(
        original ??
          (msg.stage === 'pending' && msg.position !== undefined ? 'estimation' : msg.stage),
      );
      if (msg.stage === 'error') {
        error = msg.message ?? 'error';
        break;
      }
      if (msg.stage === 'complete') break;
    } else if (msg.type === 'data') {
      data = msg.data;
    }
  }
  const first = Array.isArray(data)
    ? (data[0] as { video?: { url: string; path: string; size: number } } | null)
    : null;
  return {
    ok: error === null && !!first?.video,
    error,
    stages,
    startedMs,
    totalMs: Date.now() - t0,
    video: first?.video ?? null,
  };
}

export async function runConcurrentJobs(
  url: string,
  n: number,
  audio: string,
  video: string,
): Promise<JobResult[]> {
  // One client per job: each is an independent user session, as three support staff clicking at once.
  const clients = await Promise.all(
    Array.from({ length: n }, () => Client.connect(url, { events: ['data', 'status'] })),
  );
  try {
    return await Promise.all(clients.map((c) => runJob(c, audio, video)));
  } finally {
    for (const c of clients) c.close();
  }
}

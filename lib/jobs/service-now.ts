import { ENV_PYTHON } from '@/lib/probes/container';
import { SERVICE_STATE } from '@/lib/remedies/modules/service-scripts';
import { type Readable, text } from '@/lib/i18n/text';
import type { RemedyContext } from '@/lib/remedies/types';
import { errorText } from '@/lib/remedies/run-steps';
import { isTransient, RemoteError } from '@/lib/remote';

// After a job that did not succeed, the operator's first question is "is the service still up?". One read-only
// look (the container, the `python app.py` process and its web port), said plainly, with the way back when it is down.
// A host or engine that does not answer is asked again for a while (an engine restarting takes seconds).

export interface ServiceNow {
  state: 'answering' | 'not_answering' | 'not_running' | 'container_stopped' | 'unknown';
  pid?: number;
  /** Made as a catalog text; a job stored before texts were catalog keys holds both languages inline. */
  text: Readable;
}

const RETRY_FOR_MS = 30_000;

export async function serviceNow(ctx: RemedyContext): Promise<ServiceNow> {
  const until = Date.now() + RETRY_FOR_MS;
  for (;;) {
    try {
      return await look(ctx);
    } catch (e) {
      if (e instanceof RemoteError && e.kind === 'docker' && e.statusCode === 409) {
        return {
          state: 'container_stopped',
          text: text('jobNotes.service.containerStopped'),
        };
      }
      if (!isTransient(e) || Date.now() > until)
        return {
          state: 'unknown',
          text: text('jobNotes.service.notChecked', { error: errorText(e) }),
        };
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

async function look(ctx: RemedyContext): Promise<ServiceNow> {
  const r = await ctx.inContainer([ENV_PYTHON, '-c', SERVICE_STATE, '20'], {
    check: true,
    timeoutMs: 40_000,
    onOutput: () => undefined,
  });
  const s = JSON.parse(r.stdout) as {
    service: { pid: number; port: number } | null;
    answers: boolean;
  };
  if (!s.service)
    return {
      state: 'not_running',
      text: text('jobNotes.service.notRunning'),
    };
  const { pid, port } = s.service;
  if (s.answers)
    return {
      state: 'answering',
      pid,
      text: text('jobNotes.service.answering', { pid, port }),
    };
  return {
    state: 'not_answering',
    pid,
    text: text('jobNotes.service.notAnswering', { pid, port }),
  };
}

import { ENV_PYTHON } from '@/lib/probes/container';
import { SERVICE_STATE } from '@/lib/remedies/modules/service-scripts';
import type { Bilingual } from '@/lib/i18n/bilingual';
import type { RemedyContext } from '@/lib/remedies/types';
import { errorText } from '@/lib/remedies/run-steps';
import { isTransient, RemoteError } from '@/lib/remote';

// After a job that did not succeed, the operator's first question is "is the service still up?". One read-only
// look (the container, the `python app.py` process and its web port), said plainly, with the way back when it is down.
// A host or engine that does not answer is asked again for a while (an engine restarting takes seconds).

export interface ServiceNow {
  state: 'answering' | 'not_answering' | 'not_running' | 'container_stopped' | 'unknown';
  pid?: number;
  text: Bilingual;
}

const RESTART_EN = ' Run the restart remedy to bring it back.';
const RESTART_ZH = ' 运行"重启服务"修复即可恢复。';
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
          text: { en: `The container is stopped.${RESTART_EN}`, zh: `容器已停止。${RESTART_ZH}` },
        };
      }
      if (!isTransient(e) || Date.now() > until)
        return {
          state: 'unknown',
          text: {
            en: `Could not check the service: ${errorText(e)}`,
            zh: `无法检查服务：${errorText(e)}`,
          },
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
      text: {
        en: `The service (python app.py) is not running.${RESTART_EN}`,
        zh: `服务（python app.py）未在运行。${RESTART_ZH}`,
      },
    };
  const { pid, port } = s.service;
  if (s.answers)
    return {
      state: 'answering',
      pid,
      text: {
        en: `The service runs (PID ${pid}) and answers on port ${port}.`,
        zh: `服务正在运行（PID ${pid}），端口 ${port} 有响应。`,
      },
    };
  return {
    state: 'not_answering',
    pid,
    text: {
      en: `The service runs (PID ${pid}) but does not answer on port ${port}.${RESTART_EN}`,
      zh: `服务正在运行（PID ${pid}），但端口 ${port} 无响应。${RESTART_ZH}`,
    },
  };
}

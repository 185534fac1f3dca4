import { ENV_PYTHON } from '@/lib/probes/container';
import { SERVICE_STATE } from '@/lib/remedies/modules/service-scripts';
import type { Bilingual, RemedyContext } from '@/lib/remedies/types';
import { errorText } from '@/lib/remedies/run-steps';

// After a job that did not succeed, the operator's first question is "is the service still up?". One read-only
// look (the `python app.py` process and its web port), said plainly, with the way back when it is down.

export interface ServiceNow {
  state: 'answering' | 'not_answering' | 'not_running' | 'unknown';
  pid?: number;
  text: Bilingual;
}

const RESTART_EN = ' Run the restart remedy to bring it back.';
const RESTART_ZH = ' 运行"重启服务"修复即可恢复。';

export async function serviceNow(ctx: RemedyContext): Promise<ServiceNow> {
  try {
    const r = await ctx.inContainer([ENV_PYTHON, '-c', SERVICE_STATE, '20'], { check: true, timeoutMs: 40_000, onOutput: () => undefined });
    const s = JSON.parse(r.stdout) as { service: { pid: number; port: number } | null; answers: boolean };
    if (!s.service) return { state: 'not_running', text: { en: `The service (python app.py) is not running.${RESTART_EN}`, zh: `服务（python app.py）未在运行。${RESTART_ZH}` } };
    const { pid, port } = s.service;
    if (s.answers) return { state: 'answering', pid, text: { en: `The service runs (PID ${pid}) and answers on port ${port}.`, zh: `服务正在运行（PID ${pid}），端口 ${port} 有响应。` } };
    return { state: 'not_answering', pid, text: { en: `The service runs (PID ${pid}) but does not answer on port ${port}.${RESTART_EN}`, zh: `服务正在运行（PID ${pid}），但端口 ${port} 无响应。${RESTART_ZH}` } };
  } catch (e) {
    return { state: 'unknown', text: { en: `Could not check the service: ${errorText(e)}`, zh: `无法检查服务：${errorText(e)}` } };
  }
}

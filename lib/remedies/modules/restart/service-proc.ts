// The service process inside the container (`python app.py`), found by the script the restart steps share.
import { ENV_PYTHON } from '@/lib/probes/container';
import type { RemedyContext } from '../../types';
import { FIND_SERVICE } from '../service-scripts';

export interface ServiceProc {
  pid: number;
  cwd: string;
  cmdline: string[];
  port: number;
}

export async function findService(ctx: RemedyContext): Promise<ServiceProc | null> {
  const r = await ctx.inContainer([ENV_PYTHON, '-c', FIND_SERVICE], {
    check: true,
    onOutput: () => undefined,
  });
  return JSON.parse(r.stdout) as ServiceProc | null;
}

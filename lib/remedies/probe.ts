import { APP_DIR, ENV_PYTHON, probeScript } from '@/lib/probes/container';
import { ok, type ContainerProbeOutput } from '@/lib/probes/types';
import type { RemedyContext } from './types';

// Remedies read the container's state with the console's own probe (one exec of container-probe.py), so "already
// applied" and "verified" mean exactly what the health pages show. Logs are not read here.

export async function probeInside(
  ctx: RemedyContext,
  o: { sessionCheck?: boolean } = {},
): Promise<ContainerProbeOutput> {
  const cfg = {
    appDir: APP_DIR,
    sessionCheck: o.sessionCheck ?? false,
    logs: [{ path: '/dev/null' }],
    maxLogBytes: 0,
  };
  const r = await ctx.inContainer([ENV_PYTHON, '-', JSON.stringify(cfg)], {
    stdin: probeScript(),
    timeoutMs: 60_000,
    onOutput: () => undefined,
  });
  if (r.code !== 0)
    throw new Error(`the container probe exited ${r.code}: ${r.stderr.trim().slice(-300)}`);
  return JSON.parse(r.stdout) as ContainerProbeOutput;
}

export { ok };

import { ConflictError } from '@/lib/errors';
import { text } from '@/lib/i18n/text';
import { APP_DIR, ENV_PYTHON } from '@/lib/probes/container';
import { assertSafePath } from '../../container-files';
import type { Prepared, Remedy, RemedyContext, RunnableStep } from '../../types';
import type { RemedyDefaults } from '../../settings';
import { ok, probeInside } from '../../probe';
import { optionKeys } from '../../options';
import { onlyKeys } from '../common';
import { stoppedContainerSteps } from './stopped';
import { findService, type ServiceProc } from './service-proc';
import { START_SERVICE, STOP_SERVICE, WAIT_SERVICE } from '../service-scripts';

const RECENT_S = 900;

// Restart the service: stop `python app.py` by its PID (TERM to it and its workers, KILL after a timeout; never
// pkill -f), start it as the deployment does (conda env, app dir, nohup ... > /tmp/gradio.log), wait for its port.

export function restartSteps(svc: ServiceProc | null, d: RemedyDefaults): RunnableStep[] {
  const dir = svc?.cwd ?? APP_DIR;
  assertSafePath(dir);
  const port = svc?.port ?? 7860;
  const startArgv = ['bash', '-c', START_SERVICE, 'dh-console-start', dir];
  const start = (ctx: RemedyContext) =>
    ctx.inContainer(startArgv, { check: true }).then(() => undefined);
  const steps: RunnableStep[] = [];
  // The PID is looked up again when the step runs: an earlier step of a runbook may have re-created the container.
  let oldPid = svc?.pid ?? 0;
  const stopArgv = (pid: number) => [
    ENV_PYTHON,
    '-c',
    STOP_SERVICE,
    String(pid),
    String(d.stopTimeoutS),
  ];
  if (svc) {
    steps.push({
      id: 'stop',
      title: text('remedies.restart.steps.stop', { pid: svc.pid, seconds: d.stopTimeoutS }),
      where: 'container',
      argv: stopArgv(svc.pid),
      timeoutMs: (d.stopTimeoutS + 30) * 1000,
      run: async (ctx) => {
        const now = await findService(ctx);
        if (!now) {
          ctx.log('the service is not running: nothing to stop');
          oldPid = 0;
          return;
        }
        if (now.pid !== svc.pid)
          ctx.log(
            `the service now runs as PID ${now.pid} (planned ${svc.pid}): stopping ${now.pid}`,
          );
        oldPid = now.pid;
        await ctx.inContainer(stopArgv(now.pid), {
          check: true,
          timeoutMs: (d.stopTimeoutS + 20) * 1000,
        });
      },
      // Stopped but the job failed or was cancelled afterwards: bring the service back rather than leave it down. A
      // stop cut mid-way may have sent TERM already, so the old process found here may be dying: finish its stop
      // first, so that the start is not raced by it (seen under the SSH cut test: found alive, then gone).
      rollback: async (ctx) => {
        const now = await findService(ctx);
        if (now && now.pid !== oldPid) return;
        if (now)
          await ctx.inContainer(stopArgv(now.pid), {
            check: true,
            timeoutMs: (d.stopTimeoutS + 20) * 1000,
          });
        await start(ctx);
      },
    });
  }
  steps.push({
    id: 'start',
    title: text('remedies.restart.steps.start', { dir }),
    where: 'container',
    argv: startArgv,
    timeoutMs: 30_000,
    run: start,
  });
  const waitArgv = (pid: number) => [
    ENV_PYTHON,
    '-c',
    WAIT_SERVICE,
    String(port),
    String(d.startTimeoutS),
    String(pid),
  ];
  steps.push({
    id: 'wait',
    title: text('remedies.restart.steps.wait', { port, seconds: d.startTimeoutS }),
    where: 'container',
    argv: waitArgv(oldPid),
    timeoutMs: (d.startTimeoutS + 30) * 1000,
    run: async (ctx) =>
      void (await ctx.inContainer(waitArgv(oldPid), {
        check: true,
        timeoutMs: (d.startTimeoutS + 20) * 1000,
      })),
  });
  return steps;
}

export const restart: Remedy = {
  id: 'restart',
  params(raw) {
    onlyKeys(raw, optionKeys('restart'));
    return {};
  },
  async prepare(ctx, _p, d): Promise<Prepared> {
    const info = await (await ctx.docker()).getContainer(ctx.target.container).inspect();
    if (!info.State.Running) {
      const steps = stoppedContainerSteps(info, d);
      return {
        plan: {
          remedy: 'restart',
          mode: 'apply',
          target: ctx.target,
          params: { oldPid: null },
          alreadyApplied: false,
          needsRestart: false,
          notices: [],
          undo: null,
          current:
            info.State.Status === 'exited'
              ? text('remedies.restart.current.containerExited')
              : text('remedies.restart.current.containerState', { state: info.State.Status }),
          wanted: text('remedies.restart.wanted.containerRunning'),
          steps,
        },
        steps,
      };
    }
    const svc = await findService(ctx);
    const steps = restartSteps(svc, d);
    return {
      plan: {
        remedy: 'restart',
        mode: 'apply',
        target: ctx.target,
        params: { oldPid: svc?.pid ?? null },
        alreadyApplied: false,
        needsRestart: false,
        notices: [],
        undo: null,
        current: svc
          ? text('remedies.restart.current.running', { pid: svc.pid, cwd: svc.cwd })
          : text('remedies.restart.current.notRunning'),
        wanted: text('remedies.restart.wanted.restarted'),
        steps,
      },
      steps,
    };
  },
  async prepareUndo() {
    throw new ConflictError('a restart cannot be undone');
  },
  // Running, answering, and started by this job (a PID alone cannot tell: a re-created container reuses PIDs).
  async verify(ctx) {
    const p = await probeInside(ctx);
    const svc = ok(p.service);
    const web = ok(p.web);
    if (!svc?.running) return { ok: false, detail: text('remedies.restart.verify.notRunning') };
    const fresh = (svc.uptimeS ?? Infinity) < RECENT_S;
    const good = fresh && !!web?.answers;
    return {
      ok: good,
      detail: text(
        web?.answers ? 'remedies.restart.verify.answering' : 'remedies.restart.verify.notAnswering',
        { pid: svc.pid ?? '?', uptime: svc.uptimeS ?? '?', port: web?.port ?? '?' },
      ),
    };
  },
};

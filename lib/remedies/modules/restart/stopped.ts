import type Dockerode from 'dockerode';
import { text } from '@/lib/i18n/text';
import { APP_DIR, ENV_PYTHON } from '@/lib/probes/container';
import type { RemedyDefaults } from '../../settings';
import type { RunnableStep } from '../../types';
import { START_SERVICE, WAIT_SERVICE } from '../service-scripts';
import { findService } from './service-proc';

// Restart when the container itself is stopped (its engine restarted without a restart policy, someone stopped it):
// start the container; if its own command does not bring the service up within a few seconds, start the service as
// the deployment does; then wait for the web port. Nothing to roll back: a started container is the way back.

const OWN_START_MS = 8_000;

export function stoppedContainerSteps(
  info: Dockerode.ContainerInspectInfo,
  d: RemedyDefaults,
): RunnableStep[] {
  const id = info.Id;
  const name = info.Name.replace(/^\//, '');
  const envPort =
    (info.Config.Env ?? []).find((e) => e.startsWith('GRADIO_SERVER_PORT='))?.split('=')[1] ?? '';
  const port = /^\d{1,5}$/.test(envPort) ? envPort : '7860';
  const startArgv = ['bash', '-c', START_SERVICE, 'dh-console-start', APP_DIR];
  const waitArgv = [ENV_PYTHON, '-c', WAIT_SERVICE, port, String(d.startTimeoutS), '0'];
  return [
    {
      id: 'start-container',
      title: text('remedies.restart.steps.startContainer', { name }),
      where: 'docker',
      argv: [`POST /containers/${id.slice(0, 12)}/start`],
      timeoutMs: 60_000,
      run: async (ctx) => {
        await (await ctx.docker({ timeoutMs: 60_000 }))
          .getContainer(id)
          .start()
          .catch((e: { statusCode?: number }) => {
            if (e?.statusCode !== 304) throw e; // already running
          });
      },
    },
    {
      id: 'start',
      title: text('remedies.restart.steps.startUnlessOwn', { dir: APP_DIR }),
      where: 'container',
      argv: startArgv,
      timeoutMs: 30_000,
      run: async (ctx) => {
        for (
          const end = Date.now() + OWN_START_MS;
          Date.now() < end;
          await new Promise((r) => setTimeout(r, 500))
        ) {
          if (await findService(ctx)) return ctx.log('the container started the service itself');
        }
        await ctx.inContainer(startArgv, { check: true });
      },
    },
    {
      id: 'wait',
      title: text('remedies.restart.steps.wait', { port, seconds: d.startTimeoutS }),
      where: 'container',
      argv: waitArgv,
      timeoutMs: (d.startTimeoutS + 30) * 1000,
      run: async (ctx) =>
        void (await ctx.inContainer(waitArgv, {
          check: true,
          timeoutMs: (d.startTimeoutS + 20) * 1000,
        })),
    },
  ];
}

// Someone else restarts the container (`docker restart`) while pin-ort is in its download: every process in it dies,
// the step fails, the job rolls back and says so. The container ends working, with the version the job reports.
import { describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { CLI_ADMIN } from '@/lib/auth/types';
import { lockHolder } from '@/lib/locks/container-lock';
import { startJob } from '@/lib/jobs/service';
import { eventsAfter } from '@/lib/jobs/store';
import { inHost } from '../helpers/lab';
import { waitFor } from '../helpers/wait';
import { scratchService } from '../helpers/remedy';

const NAME = 'rx-rs-1';
const PORT = 7918;
const scratch = scratchService('h1', NAME, PORT);

const ortVersion = async () =>
  (
    await inHost('h1', [
      'docker',
      'exec',
      NAME,
      '/opt/conda/envs/human/bin/python',
      '-c',
      'import onnxruntime; print(onnxruntime.__version__)',
    ])
  ).stdout.trim();
const answers = async () =>
  (
    await inHost('h1', [
      'curl',
      '-sf',
      '-o',
      '/dev/null',
      '--max-time',
      '3',
      `http://127.0.0.1:${PORT}/config`,
    ])
  ).code === 0;

describe('the container restarted by someone else mid-job', () => {
  it('the job fails and rolls back; the container works, with the version the job says', async () => {
    const hostId = scratch.hostId();
    const { job, done } = await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'pin-ort' });
    await waitFor('the download step', 60_000, async () =>
      (await eventsAfter(job.id, 0)).some((e) => e.type === 'step' && /^Download/.test(e.text)),
    );
    await waitFor('pip download in the container', 60_000, async () =>
      (await inHost('h1', ['docker', 'exec', NAME, 'pgrep', '-f', 'pip download'])).stdout.trim(),
    );
    const restarted = await inHost('h1', ['docker', 'restart', '-t', '2', NAME]);
    expect(restarted.code, restarted.stderr).toBe(0);
    const final = await done;
    const log = (await eventsAfter(job.id, 0)).map((e) => e.text).join('\n');
    expect(['failed', 'succeeded'], `${final.status}: ${final.error}\n${log}`).toContain(
      final.status,
    );
    // The restart started the service while pip was half-way: it may have died at import. Then the console's own
    // restart remedy (the way back) brings it up on the restored version.
    const cameBack = await waitFor(
      'the service to answer after the restart',
      45_000,
      answers,
    ).catch(() => false);
    // The job looked at the service after its failure and said what it found, with the way back when it is down.
    const service = final.result?.service;
    if (final.status === 'failed') {
      expect(service, log).toBeDefined();
      if (service!.state === 'answering')
        expect(cameBack, renderText(service!.text, 'en')).toBe(true);
      if (!cameBack) {
        expect(
          ['not_running', 'not_answering', 'container_stopped'],
          renderText(service!.text, 'en'),
        ).toContain(service!.state);
        expect(renderText(final.result?.restoreHint, 'en')).toMatch(
          /Run the restart remedy to bring it back/,
        );
      }
      console.log(`restarted mid-job: the job says: ${renderText(service!.text, 'en')}`);
    }
    if (!cameBack) {
      const seen = await inHost('h1', [
        'docker',
        'exec',
        NAME,
        'sh',
        '-c',
        'pgrep -af python; tail -n 8 /tmp/gradio.log',
      ]);
      const entry = await inHost('h1', ['docker', 'logs', '--tail', '8', NAME]);
      console.log(
        `not answering after the restart:\n${seen.stdout}${seen.stderr}\n${entry.stdout}${entry.stderr}`,
      );
      const fix = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'restart' }))
        .done;
      expect(fix.status, fix.error ?? '').toBe('succeeded');
      expect(await answers()).toBe(true);
    }
    console.log(
      `restarted mid-job: the service ${cameBack ? 'came back by itself' : 'came back with the restart remedy'}`,
    );
    if (final.status === 'failed') {
      expect(final.result?.rolledBack, log).toBe(true);
      expect(await ortVersion()).toBe('1.18.0');
    } else {
      expect(await ortVersion()).toBe('1.16.0');
    }
    console.log(`restarted mid-job: ${final.status}; ${final.error ?? ''}`);
    expect(await lockHolder(hostId, NAME)).toBeNull();
    // And the container is usable by the next job at once.
    const again = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'batch-size' }))
      .done;
    expect(again.status, again.error ?? '').toBe('succeeded');
  }, 300_000);
});

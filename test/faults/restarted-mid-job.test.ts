// Someone else restarts the container (`docker restart`) while pin-ort is in its download: every process in it dies,
// the step fails, the job rolls back and says so. The container ends working, with the version the job reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { lockHolder } from '@/lib/jobs/lock';
import { startJob } from '@/lib/jobs/service';
import { eventsAfter } from '@/lib/jobs/store';
import { createServiceContainer, inHost, removeContainer } from '../helpers/lab';
import { waitFor } from '../helpers/wait';
import { labConsole, type LabConsole } from '../helpers/remedy';

const NAME = 'rx-rs-1';
const PORT = 7918;
let lc: LabConsole;
let hostId = '';


const ortVersion = async () => (await inHost('h1', ['docker', 'exec', NAME, '/opt/conda/envs/human/bin/python', '-c', 'import onnxruntime; print(onnxruntime.__version__)'])).stdout.trim();
const answers = async () => (await inHost('h1', ['curl', '-sf', '-o', '/dev/null', '--max-time', '3', `http://127.0.0.1:${PORT}/config`])).code === 0;

beforeAll(async () => {
  lc = await labConsole();
  hostId = lc.hosts.get('h1')!.id;
  await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
}, 300_000);

afterAll(async () => {
  await removeContainer('h1', NAME);
  lc?.dispose();
});

describe('the container restarted by someone else mid-job', () => {
  it('the job fails and rolls back; the container works, with the version the job says', async () => {
    const { job, done } = await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'pin-ort' });
    await waitFor('pip in the container', 60_000, async () => (await inHost('h1', ['docker', 'exec', NAME, 'pgrep', '-f', 'pip (download|install)'])).stdout.trim());
    const restarted = await inHost('h1', ['docker', 'restart', '-t', '2', NAME]);
    expect(restarted.code, restarted.stderr).toBe(0);
    const final = await done;
    const log = (await eventsAfter(job.id, 0)).map((e) => e.text).join('\n');
    expect(['failed', 'succeeded'], log).toContain(final.status);
    await waitFor('the service to answer after the restart', 90_000, answers);
    if (final.status === 'failed') {
      expect(final.result?.rolledBack, log).toBe(true);
      expect(await ortVersion()).toBe('1.18.0');
    } else {
      expect(await ortVersion()).toBe('1.16.0');
    }
    console.log(`restarted mid-job: ${final.status}; ${final.error ?? ''}`);
    expect(await lockHolder(hostId, NAME)).toBeNull();
    // And the container is usable by the next job at once.
    const again = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'batch-size' })).done;
    expect(again.status, again.error ?? '').toBe('succeeded');
  }, 300_000);
});

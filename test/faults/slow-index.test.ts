// The package index slow: it accepts connections and never answers (a tarpit on the lab host). `pin-ort` hangs in
// its download step; the operator cancels. The job says cancelled, the `pip download` process is really gone from
// the container (checked on the host), ONNX Runtime is untouched, and the container is free for the next job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ADMIN } from '@/lib/auth/types';
import { lockHolder } from '@/lib/locks/container-lock';
import { cancelJob, startJob } from '@/lib/jobs/service';
import { eventsAfter } from '@/lib/jobs/store';
import { DEFAULT_REMEDY_DEFAULTS, setRemedyDefaults } from '@/lib/remedies/settings';
import { inHost } from '../helpers/lab';
import { waitFor } from '../helpers/wait';
import { scratchService } from '../helpers/remedy';

const NAME = 'rx-si-1';
const PORT = 7916;
const TARPIT_PORT = 3199;
// Accepts and holds every connection without a byte of answer, as an overloaded mirror does.
const TARPIT =
  'import socket,sys\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\ns.bind(("127.0.0.1",int(sys.argv[1])))\ns.listen(64)\nheld=[]\nwhile True:\n  held.append(s.accept()[0])\n';
const scratch = scratchService('h1', NAME, PORT);
let tarpitPid = '';

const pipDownloads = async () =>
  (await inHost('h1', ['docker', 'exec', NAME, 'pgrep', '-f', 'pip download'])).stdout.trim();
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

beforeAll(async () => {
  await setRemedyDefaults(CLI_ADMIN, {
    ...DEFAULT_REMEDY_DEFAULTS,
    allowedIndexHosts: [`127.0.0.1:${TARPIT_PORT}`],
  });
  const started = await inHost('h1', [
    'sh',
    '-c',
    'python3 -c "$1" "$2" >/dev/null 2>&1 & echo $!',
    'sh',
    TARPIT,
    String(TARPIT_PORT),
  ]);
  tarpitPid = started.stdout.trim();
}, 300_000);

afterAll(async () => {
  if (/^\d+$/.test(tarpitPid)) await inHost('h1', ['kill', tarpitPid]);
});

describe('a package index that never answers', () => {
  it('pin-ort hangs in its download; cancel stops it on the host, nothing changed, the container is free', async () => {
    const hostId = scratch.hostId();
    expect(await ortVersion()).toBe('1.18.0');
    const { job, done } = await startJob(CLI_ADMIN, {
      hostId,
      container: NAME,
      name: 'pin-ort',
      params: { indexUrl: `http://127.0.0.1:${TARPIT_PORT}/simple/` },
    });
    await waitFor('the download step', 60_000, async () =>
      (await eventsAfter(job.id, 0)).some((e) => e.type === 'step' && /^Download/.test(e.text)),
    );
    await waitFor('pip download running in the container', 30_000, pipDownloads);
    await cancelJob(CLI_ADMIN, job.id);
    const final = await done;
    expect(final.status).toBe('cancelled');
    expect(final.stepsDone).toBe(0);
    // Closing the exec stream does not stop a process in a container: the console kills it by its host PID.
    await waitFor(
      'pip download gone from the container',
      15_000,
      async () => (await pipDownloads()) === '',
    );
    expect(await ortVersion()).toBe('1.18.0');
    expect(await lockHolder(hostId, NAME)).toBeNull();
    const next = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'batch-size' }))
      .done;
    expect(next.status, next.error ?? '').toBe('succeeded');
  }, 300_000);

  it('pin-ort with a short pip timeout: the job says timed_out, pip is stopped on the host, nothing changed', async () => {
    const hostId = scratch.hostId();
    await setRemedyDefaults(CLI_ADMIN, {
      ...DEFAULT_REMEDY_DEFAULTS,
      allowedIndexHosts: [`127.0.0.1:${TARPIT_PORT}`],
      pipTimeoutS: 10,
    });
    const t0 = Date.now();
    const { job, done } = await startJob(CLI_ADMIN, {
      hostId,
      container: NAME,
      name: 'pin-ort',
      params: { indexUrl: `http://127.0.0.1:${TARPIT_PORT}/simple/` },
    });
    expect(job.plan?.steps[0]?.timeoutMs).toBe(20_000);
    await waitFor('pip download running in the container', 60_000, pipDownloads);
    const final = await done;
    const log = (await eventsAfter(job.id, 0)).map((e) => e.text).join('\n');
    expect(final.status, `${final.error}\n${log}`).toBe('timed_out');
    expect(final.error).toMatch(/did not finish/);
    expect(final.stepsDone).toBe(0);
    expect(Date.now() - t0).toBeLessThan(60_000);
    await waitFor(
      'pip download gone from the container',
      15_000,
      async () => (await pipDownloads()) === '',
    );
    expect(await ortVersion()).toBe('1.18.0');
    expect(await lockHolder(hostId, NAME)).toBeNull();
    console.log(
      `pip timeout: ${final.status} after ${Math.round((Date.now() - t0) / 1000)} s: ${final.error}`,
    );
  }, 300_000);
});

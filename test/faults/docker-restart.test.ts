// The host's Docker engine stopped and started again mid-job (an admin's `systemctl restart docker`, an engine crash
// and its restart): dockerd goes away with every container on the host, and comes back a few seconds later. The job
// must end with a status (none left running), leaving the container working or stopped-and-restorable with the way
// it shows; following that way must bring the service back. The lab's own fleet on the host must be as before.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { CLI_ADMIN } from '@/lib/auth/types';
import { lockHolder } from '@/lib/locks/container-lock';
import { startJob, startUndo } from '@/lib/jobs/service';
import { eventsAfter } from '@/lib/jobs/store';
import type { JobView } from '@/lib/jobs/types';
import { remote } from '@/lib/remote';
import { defaultFleet } from '../lab/fleet';
import { runningConfig } from '../lab/lab';
import { containersOf, restoreRunning, startEngine, stopEngine } from '../helpers/engine';
import {
  type ContainerInfo,
  createServiceContainer,
  inHost,
  removeContainer,
} from '../helpers/lab';
import { labConsole, type LabConsole } from '../helpers/remedy';
import { waitFor } from '../helpers/wait';

const NAME = 'rx-de-1';
const PORT = 7924;
/** How long the engine stays down: a restart's few seconds, long enough for the job to find it gone. */
const DOWN_MS = 3_000;
const FLEET = new Set((defaultFleet(runningConfig()).h1 ?? []).map((s) => s.name));
let lc: LabConsole;
let hostId = '';
let before: ContainerInfo[] = [];
const images: string[] = [];

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
const ours = async () => (await containersOf('h1')).filter((c) => c.name.startsWith(NAME));
const fleetNow = async () =>
  (await containersOf('h1'))
    .filter((c) => FLEET.has(c.name))
    .map((c) => `${c.name} ${c.id} ${c.status}`);

beforeAll(async () => {
  lc = await labConsole();
  hostId = lc.hosts.get('h1')!.id;
  before = await containersOf('h1');
}, 300_000);

afterAll(async () => {
  // Whatever happened, the engine runs and what ran before runs again (the fleet, and any other test's containers).
  await startEngine('h1');
  await restoreRunning('h1', before);
  for (const c of await ours().catch(() => []))
    await removeContainer('h1', c.name).catch(() => undefined);
  for (const i of images) await inHost('h1', ['docker', 'image', 'rm', i]);
  lc?.dispose();
}, 300_000);

interface Case {
  remedy: 'restart' | 'shm';
  /** The engine stops while this step's command (a fragment of its script) runs in the container. */
  step: string;
  command: string;
}

const CASES: Case[] = [
  { remedy: 'restart', step: 'wait for the restarted service', command: 'import http.client' },
  // After the re-creation started the new container: the original is stopped and renamed, kept for undo.
  { remedy: 'shm', step: 'wait for the re-created container', command: 'import http.client' },
];

describe("the host's Docker engine restarted mid-job", () => {
  it.each(CASES)(
    '$remedy ($step): the job ends, the container works or is restored the way the job says',
    async (c) => {
      for (const o of await ours()) await removeContainer('h1', o.name);
      await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
      const fleetBefore = await fleetNow();
      let stopped: Promise<number> | undefined;
      let stopAt = 0;
      const original = remote.execInContainer;
      // Positions the fault: the engine gets its TERM as the console sends the step's command (later, the command may
      // have finished: the service can answer within 300 ms, and the engine then dies under the verification instead).
      const spy = vi
        .spyOn(remote, 'execInContainer')
        .mockImplementation((...a: Parameters<typeof original>) => {
          if (!stopped && a[2].some((x) => x.includes(c.command))) {
            stopAt = Date.now();
            stopped = stopEngine('h1');
          }
          return original(...a);
        });
      let final: JobView | undefined;
      let endedAt = 0;
      let goneAt = 0;
      try {
        const { job, done } = await startJob(CLI_ADMIN, {
          hostId,
          container: NAME,
          name: c.remedy,
        });
        void done.then((v) => ((endedAt = Date.now()), (final = v)));
        if (c.remedy === 'shm') images.push((job.plan!.parts[0]!.undo as { image: string }).image);
        await waitFor(`the engine stop during "${c.step}"`, 120_000, async () => stopped);
        await stopped;
        goneAt = Date.now();
        // The deliberate outage: the engine is down for a few seconds, then starts again (its own restart policy
        // brings back the containers that were running).
        await new Promise((r) => setTimeout(r, DOWN_MS));
      } finally {
        spy.mockRestore();
        await startEngine('h1');
      }
      const upAt = Date.now();
      const f = await waitFor('the job to end', 60_000, async () => final);
      const log = (await eventsAfter(f.id, 0)).map((e) => e.text).join('\n');
      const said = [
        ...new Set(
          [
            f.error,
            renderText(f.result?.restoreHint, 'en'),
            renderText(f.result?.service?.text, 'en'),
          ].filter(Boolean),
        ),
      ].join(' | ');
      const working = await waitFor('the service to answer by itself', 60_000, answers).catch(
        () => false,
      );
      const state = (await ours()).map((o) => `${o.name}:${o.status}`).join(', ');
      const s = (t: number) => `${((t - stopAt) / 1000).toFixed(1)} s`;
      console.log(
        `engine restart in ${c.remedy} (${c.step}): TERM at 0, dockerd gone ${s(goneAt)}, answering again ${s(upAt)}; ` +
          `job ${f.status} at ${s(endedAt)} (${f.stepsDone}/${f.stepCount} steps done); then ${working ? 'working' : 'NOT answering'} (${state})\n  the job said: ${said}`,
      );
      expect(f.status, log).not.toBe('running');
      expect(await lockHolder(hostId, NAME)).toBeNull();
      // The way back the console shows: Undo where it offers it, else the remedy its text names. Needed when the
      // service does not answer by itself; followed whenever shown, as an operator would, and it must work.
      const canUndo = f.undoable && !!f.plan?.parts.some((p) => p.undo != null);
      const way =
        canUndo && /Undo/.test(said)
          ? 'undo'
          : /same remedy again/.test(said)
            ? c.remedy
            : /restart remedy/.test(said)
              ? 'restart'
              : canUndo
                ? 'undo'
                : null;
      if (!working)
        expect(way, `not answering, and the job shows no way back: ${said}\n${log}`).not.toBeNull();
      if (way) {
        const fix = await (way === 'undo'
          ? startUndo(CLI_ADMIN, f.id)
          : startJob(CLI_ADMIN, { hostId, container: NAME, name: way })
        ).then((l) => l.done);
        const fixLog = (await eventsAfter(fix.id, 0)).map((e) => e.text).join('\n');
        console.log(`  followed "${way}": ${fix.status}${fix.error ? `: ${fix.error}` : ''}`);
        expect(
          ['succeeded', 'already_applied'],
          `${fix.status}: ${fix.error}\n${fixLog}`,
        ).toContain(fix.status);
      }
      expect(
        await waitFor('the service to answer', 60_000, answers).catch(() => false),
        `after ${way ?? 'nothing'}: ${said}`,
      ).toBe(true);
      expect(await lockHolder(hostId, NAME)).toBeNull();
      // The fleet: back as it was (same containers, running, serving with their workers ready).
      const started = await restoreRunning('h1', before);
      console.log(
        `  containers the engine did not bring back by itself: ${started.join(', ') || 'none'}`,
      );
      expect(await fleetNow()).toEqual(fleetBefore);
    },
    170_000,
  );
});

// The SSH connection cut during each step of every remedy (closed under the step's first remote call, as a network
// drop would). Each run must end either done and verified, or rolled back to exactly the state it started from, as
// the remedy itself reads it; never half-changed. Steps that run durably (pin-ort's pip steps) must complete through
// the cut. The service must answer at the end either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { remedyModule } from '@/lib/remedies';
import { runSteps } from '@/lib/remedies/run-steps';
import { DEFAULT_REMEDY_DEFAULTS } from '@/lib/remedies/settings';
import type { RemedyContext } from '@/lib/remedies/types';
import type { RemedyId } from '@/lib/diagnosis/remedies';
import { remote } from '@/lib/remote';
import { createServiceContainer, inHost, removeContainer } from '../helpers/lab';
import { contextFor, labConsole, type LabConsole } from '../helpers/remedy';

const NAME = 'rx-cut-1';
const PORT = 7917;
const CUT_AFTER_MS = 100;
const D = DEFAULT_REMEDY_DEFAULTS;
let lc: LabConsole;
let hostId = '';
const report: string[] = [];

/** The context of a run whose connection is cut once, CUT_AFTER_MS after the armed step's first remote call. */
interface Arm {
  armed: boolean;
  /** Settles once the cut has happened (the step may have finished before it: then it cuts what comes next). */
  cut?: Promise<void>;
}

function cutting(c: RemedyContext, arm: Arm): RemedyContext {
  const cutSoon = () => {
    if (!arm.armed) return;
    arm.armed = false;
    arm.cut = new Promise((resolve) =>
      setTimeout(() => resolve(remote.resetForTests()), CUT_AFTER_MS),
    );
  };
  return {
    ...c,
    inContainer: (argv, o) => (cutSoon(), c.inContainer(argv, o)),
    onHost: (argv, o) => (cutSoon(), c.onHost(argv, o)),
    docker: (o) => (cutSoon(), c.docker(o)),
    withSignal: (sig) => cutting(c.withSignal(sig), arm),
    // The rollback reconnects: the network is back by then.
    detached: () => c.detached(),
  };
}

async function answers(): Promise<boolean> {
  const r = await inHost('h1', [
    'curl',
    '-sf',
    '-o',
    '/dev/null',
    '--max-time',
    '3',
    `http://127.0.0.1:${PORT}/config`,
  ]);
  return r.code === 0;
}

async function serving(): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await answers()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function containerNames(): Promise<string[]> {
  return (await inHost('h1', ['docker', 'ps', '-a', '--format', '{{.Names}}'])).stdout
    .split('\n')
    .filter((n) => n.startsWith(NAME));
}

beforeAll(async () => {
  lc = await labConsole();
  hostId = lc.hosts.get('h1')!.id;
}, 120_000);

afterAll(async () => {
  for (const n of await containerNames().catch(() => []))
    await removeContainer('h1', n).catch(() => undefined);
  lc?.dispose();
  console.log(`SSH cut during each step:\n${report.join('\n')}`);
});

const REMEDIES: RemedyId[] = [
  'batch-size',
  'ort-env',
  'session-options',
  'restart',
  'pin-ort',
  'shm',
];

describe('an SSH cut during each step', () => {
  it.each(REMEDIES)(
    '%s: every step cut leaves it done and verified, or rolled back to where it was',
    async (id) => {
      const remedy = remedyModule(id);
      const params = remedy.params({}, D);
      for (let k = 0; ; k++) {
        for (const n of await containerNames()) await removeContainer('h1', n);
        await createServiceContainer('h1', { name: NAME, port: PORT, state: 'broken' });
        const target = { hostId, container: NAME };
        const plain = contextFor(target);
        const before = await remedy.prepare(plain, params, D);
        if (k >= before.steps.length) break;
        const log: string[] = [];
        const arm: Arm = { armed: false };
        const armed = cutting(contextFor(target, log), arm);
        const outcome = await runSteps(armed, before.steps, {
          before: (i) => void (i === k && (arm.armed = true)),
        });
        await arm.cut;
        // Nothing the cut step started is still running in the container (Docker does not stop it when the channel dies).
        const left = (
          await inHost('h1', [
            'docker',
            'exec',
            NAME,
            'pgrep',
            '-af',
            'pip (download|install|uninstall)|dhc_console|shutil',
          ])
        ).stdout.trim();
        const where = `${id} step ${k + 1}/${before.steps.length} (${before.steps[k]!.id})`;
        expect(left, `${where}: still running after the cut`).toBe('');
        // A step that runs durably goes on through the cut: its run completes (the reads reconnect).
        if (before.steps[k]!.durable)
          expect(
            outcome.ok,
            `${where}: runs durably, yet failed at the cut\n${log.join('\n')}`,
          ).toBe(true);
        if (outcome.ok) {
          const v = await remedy.verify(plain, before.plan);
          expect(
            v.ok,
            `${where}: completed but does not verify: ${renderText(v.detail, 'en')}\n${log.join('\n')}`,
          ).toBe(true);
          report.push(`${where}: completed and verified`);
        } else {
          expect(outcome.rolledBack, `${where}: rollback failed\n${log.join('\n')}`).toBe(true);
          const now = await remedy.prepare(plain, params, D);
          // A restart has no state to return to but "running" (under a new PID): the service answering is its check.
          if (id !== 'restart')
            expect(now.plan.current, `${where}: not back where it was\n${log.join('\n')}`).toEqual(
              before.plan.current,
            );
          expect(now.plan.alreadyApplied, where).toBe(false);
          const at = before.steps[outcome.failedIndex]?.id ?? '?';
          report.push(
            `${where}: failed${at === before.steps[k]!.id ? '' : ` (at ${at}: the cut outlived the step)`}, rolled back to "${renderText(now.plan.current, 'en')}"`,
          );
        }
        if (!(await serving())) {
          const state = (
            await inHost('h1', [
              'docker',
              'inspect',
              '-f',
              '{{.Id}} {{.State.Status}} paused={{.State.Paused}} started={{.State.StartedAt}}',
              NAME,
            ])
          ).stdout;
          const svc = (
            await inHost('h1', [
              'docker',
              'exec',
              NAME,
              'sh',
              '-c',
              'pgrep -af "python app.py"; tail -n 5 /tmp/gradio.log',
            ])
          ).stdout;
          expect.fail(
            `${where}: the service does not answer\ncontainer: ${state}\nservice: ${svc}\n${log.join('\n')}`,
          );
        }
        // Only a completed shm re-creation keeps the original, stopped, for undo.
        const extra = (await containerNames()).filter((n) => n !== NAME);
        expect(
          extra.map((n) => n.replace(/\d{8}t\d{6}z$/i, 'STAMP')),
          `${where}: containers left over`,
        ).toEqual(outcome.ok && id === 'shm' ? [`${NAME}-dhc-old-STAMP`] : []);
      }
    },
    900_000,
  );
});

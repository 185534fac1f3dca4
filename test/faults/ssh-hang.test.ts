// The SSH connection HANGS during a job step: the host stops answering on it (the sshd process serving it is
// SIGSTOPped) but the TCP connection stays open, so no FIN or RST tells the console (the cut test closes it; this one
// never closes). An operator must find the job ended (done and verified, or failed and rolled back) long before the
// step's own timeout, saying why; the service answering, nothing the step started left running, the container free
// and the next job on it working.
import { describe, expect, it, vi } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import { CLI_ADMIN } from '@/lib/auth/types';
import { lockHolder } from '@/lib/locks/container-lock';
import { startJob } from '@/lib/jobs/service';
import { eventsAfter } from '@/lib/jobs/store';
import type { JobView } from '@/lib/jobs/types';
import { remote } from '@/lib/remote';
import { inHost, sshSessionPids } from '../helpers/lab';
import { scratchService } from '../helpers/remedy';
import { waitFor } from '../helpers/wait';

const NAME = 'rx-hang-1';
const PORT = 7923;
const scratch = scratchService('h1', NAME, PORT);

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
const batchSize = async () =>
  /^\s*batch_size\s*=\s*(\S+)/m.exec(
    (
      await inHost('h1', [
        'docker',
        'exec',
        NAME,
        'cat',
        '/app/HeyGem-Linux-Python-Hack/config/config.ini',
      ])
    ).stdout,
  )?.[1];
const servicePid = async () =>
  (await inHost('h1', ['docker', 'exec', NAME, 'pgrep', '-of', 'python app.py'])).stdout.trim();
// The remedies' scripts run as `<env python> -c <script>`: any still running is one a step started.
const leftScripts = async () =>
  (
    await inHost('h1', [
      'docker',
      'exec',
      NAME,
      'pgrep',
      '-f',
      '^/opt/conda/envs/human/bin/python -c',
    ])
  ).stdout.trim();
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Case {
  remedy: 'restart' | 'batch-size';
  /** The step during which the connection hangs (its title in the plan)... */
  step: RegExp;
  /** ...at that step's command (a fragment of its script), this long after the console issues it. */
  command: string;
  delayMs: number;
  /** What an operator reads back: before the job, and after (the original, or the new one the job verified). */
  state: () => Promise<string | undefined>;
}

const CASES: Case[] = [
  // The write itself: the new config.ini would go over the hung connection.
  {
    remedy: 'batch-size',
    step: /^Write config\.ini/,
    command: 'tempfile.mkstemp',
    delayMs: 0,
    state: batchSize,
  },
  // The wait for the restarted service: its script is running in the container when the connection hangs (the
  // service needs over a second to answer; the script starts within ~50 ms).
  {
    remedy: 'restart',
    step: /^Wait until port/,
    command: 'import http.client',
    delayMs: 300,
    state: servicePid,
  },
];

describe('an SSH connection that hangs during a job step', () => {
  it.each(CASES)(
    '$remedy: the job ends long before the step timeout, the container works and is free',
    async (c) => {
      const hostId = scratch.hostId();
      const before = await c.state();
      // The pooled connection the job will use, open now, and the sshd processes serving it on h1.
      await remote.docker(hostId);
      const pids = await sshSessionPids('h1');
      expect(pids.length, 'the sshd serving the console').toBeGreaterThan(0);
      const opened = () => remote.stats().find((s) => s.hostId === hostId)!.connectionsOpened;
      const openedBefore = opened();
      let t0 = 0;
      const hang = () => {
        t0 = Date.now();
        for (const p of pids) process.kill(p, 'SIGSTOP');
      };
      const original = remote.execInContainer;
      const spy = vi
        .spyOn(remote, 'execInContainer')
        .mockImplementation((...a: Parameters<typeof original>) => {
          if (!t0 && a[2].some((x) => x.includes(c.command)))
            void (c.delayMs ? setTimeout(hang, c.delayMs) : hang());
          return original(...a);
        });
      let final: JobView | undefined;
      let detectedMs: number | undefined;
      let stepTimeoutMs = 0;
      let jobId = '';
      try {
        const { job, done } = await startJob(CLI_ADMIN, {
          hostId,
          container: NAME,
          name: c.remedy,
        });
        jobId = job.id;
        void done.then((v) => (final = v));
        stepTimeoutMs = job.plan!.steps.find((s) =>
          c.step.test(renderText(s.title, 'en')),
        )!.timeoutMs;
        await waitFor(`the hang at "${c.step.source}"`, 60_000, async () => t0 > 0, 20);
        // Bound: half the step's own timeout (the hang must be found, not waited out).
        await waitFor(
          'the job to end after the hang',
          stepTimeoutMs / 2,
          async () => {
            if (detectedMs === undefined && opened() > openedBefore) detectedMs = Date.now() - t0;
            return final;
          },
          100,
        );
      } finally {
        spy.mockRestore();
        for (const p of pids) if (alive(p)) process.kill(p, 'SIGCONT');
        // Running again, it finds its client gone and exits; if not, it is ended here (it serves nobody).
        await waitFor('the hung sshd session to exit', 10_000, async () => !pids.some(alive)).catch(
          () => {
            for (const p of pids) if (alive(p)) process.kill(p, 'SIGKILL');
          },
        );
      }
      const endedMs = Date.now() - t0;
      const f = final!;
      const log = (await eventsAfter(jobId, 0)).map((e) => e.text).join('\n');
      console.log(
        `ssh hang in ${c.remedy} at "${c.step.source}" (step timeout ${stepTimeoutMs / 1000} s): ` +
          `reconnected after ${detectedMs === undefined ? '-' : `${(detectedMs / 1000).toFixed(1)} s`}, job ${f.status} after ${(endedMs / 1000).toFixed(1)} s` +
          `${f.error ? `: ${f.error}` : ''}${f.result?.restoreHint ? ` | ${renderText(f.result.restoreHint, 'en')}` : ''}`,
      );
      expect(['succeeded', 'failed'], `${f.status}: ${f.error}\n${log}`).toContain(f.status);
      if (f.status === 'failed') {
        expect(f.result?.rolledBack, `not rolled back: ${f.error}\n${log}`).toBe(true);
        // What the operator reads: the connection, not a timeout or an obscure socket error.
        expect(f.error, log).toMatch(/SSH connection lost/);
      } else {
        expect(
          f.result?.verifications.every((v) => v.ok),
          log,
        ).toBe(true);
      }
      expect(await waitFor('the service to answer', 30_000, answers).catch(() => false), log).toBe(
        true,
      );
      expect(
        await waitFor(
          'no step script left in the container',
          10_000,
          async () => !(await leftScripts()),
        ).catch(leftScripts),
        log,
      ).toBe(true);
      expect(await lockHolder(hostId, NAME)).toBeNull();
      const after = await c.state();
      if (c.remedy === 'batch-size')
        expect(after, log).toBe(f.status === 'succeeded' ? '1' : before);
      else if (f.status === 'succeeded') expect(after, log).not.toBe(before);
      // The container is usable by the next job at once.
      const again = await (await startJob(CLI_ADMIN, { hostId, container: NAME, name: 'restart' }))
        .done;
      expect(again.status, again.error ?? '').toBe('succeeded');
    },
    170_000,
  );

  // A command on the host itself (a step's onHost: docker CLI, compose files) on a connection that hangs.
  it('a host command: fails naming the lost connection, within seconds, and is stopped on the host', async () => {
    const hostId = scratch.hostId();
    await remote.docker(hostId);
    const pids = await sshSessionPids('h1');
    const argv = ['sleep', `119.${process.pid}`];
    const onHost = async () => (await inHost('h1', ['pgrep', '-fx', argv.join(' ')])).stdout.trim();
    let settled: { err: Error | null; at: number } | undefined;
    void remote.exec(hostId, argv, { timeoutMs: 90_000 }).then(
      () => (settled = { err: null, at: Date.now() }),
      (e: Error) => (settled = { err: e, at: Date.now() }),
    );
    await waitFor('the command on the host', 10_000, onHost);
    const t0 = Date.now();
    try {
      for (const p of pids) process.kill(p, 'SIGSTOP');
      await waitFor('the command to end', 30_000, async () => settled);
      // Stopped by the console over a new connection, while the hung session is still frozen.
      expect(
        await waitFor(
          'the command gone from the host',
          15_000,
          async () => !(await onHost()),
        ).catch(onHost),
      ).toBe(true);
    } finally {
      for (const p of pids) if (alive(p)) process.kill(p, 'SIGCONT');
      await waitFor('the hung sshd session to exit', 10_000, async () => !pids.some(alive)).catch(
        () => {
          for (const p of pids) if (alive(p)) process.kill(p, 'SIGKILL');
        },
      );
      // A test that failed leaves no sleeper behind (same machine: its host PID is ours to signal).
      for (const p of (await onHost()).split('\n').filter(Boolean))
        process.kill(Number(p), 'SIGKILL');
    }
    console.log(
      `ssh hang under a host command: ended after ${((settled!.at - t0) / 1000).toFixed(1)} s: ${settled!.err?.message ?? 'no error'}`,
    );
    expect(settled!.err?.message).toMatch(/connection lost/);
  }, 60_000);
});

// The built console (`next start`) under concurrent clients, with the lab's hosts and the black-holed sink (issue #19,
// the load half). Before: 50 concurrent fleet reads got no answer within 120 s, RSS reached 2.1 GB, and the server
// ignored SIGTERM until killed. Each answer must be a 200 or a quick 503 with Retry-After, memory stays bounded, a
// single read right after answers in under a second, and SIGTERM under 200 clients ends the process in seconds.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLabFleet, type LabFleet } from '../helpers/lab-fleet';
import { percentile, runLoad, send, type Answer, type Call } from '../helpers/load-clients';
import { rssPeakSampler, treeRssMb } from '../helpers/process-rss';
import { waitFor } from '../helpers/wait';
import { clientGroups } from '../bench/load/scenario';
import { consoleWithRoles, type Roles } from '../integration/web/session';

let r: Roles;
let fleet: LabFleet;
let fleetCall: Call;
// What this run measured, for the record (test-output/load-test.json), never on the runner's output.
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  r = await consoleWithRoles();
  fleet = await addLabFleet(r.admin, { sink: true });
  fleetCall = {
    method: 'GET',
    path: '/api/fleet',
    headers: { accept: 'application/json', cookie: r.viewer.cookieHeader() },
  };
  await send(r.server.url, new http.Agent(), fleetCall, 60_000); // the sink's first handshake deadline
}, 180_000);

afterAll(async () => {
  await r?.server.stop();
  fs.mkdirSync('test-output', { recursive: true });
  fs.writeFileSync(
    path.join('test-output', 'load-test.json'),
    `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  );
});

const acceptable = (a: Answer) =>
  a.status === 200 || (a.status === 503 && a.retryAfterS !== null && a.ms < 2_000);

describe('the console under load', () => {
  it('100 concurrent clients reading the fleet and host snapshots for 15 s: every answer a 200 or a quick 503', async () => {
    const rss0 = treeRssMb(r.server.pid);
    const rss = rssPeakSampler(r.server.pid);
    const groups = clientGroups('fleet', 60, fleet, r);
    groups.push(...clientGroups('mixed', 40, fleet, r).filter((g) => g.name === 'host'));
    const samples = await runLoad(r.server.url, groups, 15, 30_000);
    const peak = rss.stop();
    const answers = samples.flatMap((g) => g.answers);
    const bad = answers
      .filter((a) => !acceptable(a))
      .map((a) => `${a.status} after ${Math.round(a.ms)} ms`);
    expect(
      bad.slice(0, 5),
      `${bad.length} of ${answers.length} answers were neither 200 nor a quick 503`,
    ).toEqual([]);
    // Closed-loop clients on 2 shared cores: seconds at worst, never the client's 30 s deadline.
    const ms = answers.map((a) => a.ms);
    Object.assign(figures, {
      readers: {
        answers: answers.length,
        ok: answers.filter((a) => a.status === 200).length,
        busy503: answers.filter((a) => a.status === 503).length,
        p50Ms: Math.round(percentile(ms, 50)!),
        p95Ms: Math.round(percentile(ms, 95)!),
        maxMs: Math.round(Math.max(...ms)),
        rssStartMb: Math.round(rss0),
        rssPeakMb: Math.round(peak),
      },
    });
    expect(percentile(ms, 95), 'p95 (ms)').toBeLessThan(10_000);
    expect(answers.length, 'answers in 15 s').toBeGreaterThan(300);
    expect(peak - rss0, `RSS ${Math.round(rss0)} -> peak ${Math.round(peak)} MiB`).toBeLessThan(
      300,
    );
    // Right after: one read answers in under a second (the better of two, for a scheduler hiccup of the machine).
    const agent = new http.Agent({ keepAlive: false });
    const first = await send(r.server.url, agent, fleetCall, 30_000);
    const next = first.ms < 1_000 ? first : await send(r.server.url, agent, fleetCall, 30_000);
    figures.singleReadAfterMs = [first, next].map((a) => Math.round(a.ms));
    expect(next.status).toBe(200);
    expect(next.ms, 'a single fleet read right after the load (ms)').toBeLessThan(1_000);
  });

  // Last in this file: it ends the console.
  it('SIGTERM under 200 clients (fleet, host snapshots, previews, sign-ins): the server exits within seconds', async () => {
    let answered = 0;
    const stopClients = new AbortController();
    const load = runLoad(r.server.url, clientGroups('mixed', 200, fleet, r), 60, 30_000, {
      stop: stopClients.signal,
      onAnswer: () => answered++,
    });
    try {
      await waitFor('the load under way (200 answers)', 60_000, async () => answered >= 200, 100);
      const t0 = Date.now();
      process.kill(r.server.pid, 'SIGTERM');
      const exit = await Promise.race([
        r.server.exited,
        new Promise<'still running'>((res) => setTimeout(() => res('still running'), 15_000)),
      ]);
      const took = Date.now() - t0;
      figures.sigterm = { answeredBefore: answered, exit, exitMs: took };
      expect(exit, `exit after SIGTERM (log ${r.server.logFile})`).not.toBe('still running');
      // The grace for requests under way is CONSOLE_SHUTDOWN_GRACE_MS (3 s by default); measured 4.6 s under this load.
      expect(took, 'SIGTERM to exit (ms)').toBeLessThan(8_000);
    } finally {
      stopClients.abort();
      await load;
    }
  });
});

// docker-modem 5.0.7 formats `util.inspect(options, {showHidden: true, depth: null})` for a debug() line on every
// request, debug output on or not. `options.agent` is the host's shared HTTP agent with every request queued on it, so
// each call cost more the more were in flight: 50 concurrent fleet reads never answered (issue #19). The fix is
// patches/docker-modem+5.0.7.patch, applied by `npm install` (postinstall: patch-package). These tests run the
// installed module: they fail if an install skipped the patch or a docker-modem upgrade brought the line back.
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import util from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';

const require = createRequire(import.meta.url);
const Dockerode = require('dockerode') as new (opts: object) => { modem: Modem };

interface Modem {
  dial(options: object, cb: (err: Error | null) => void): void;
}

const QUEUED = 1_000;
const IN_FLIGHT = 40;

/** An agent with one socket that never connects: every request made on it after the first waits in its queue. */
function stuckAgent(): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  (agent as unknown as { createConnection: unknown }).createConnection = () => new net.Socket();
  return agent;
}

/**
 * An agent like a host's Docker agent under load: one socket per request in flight (Node's Agent does not count a
 * socket until an asynchronous createConnection delivers it, so maxSockets does not bound a burst), each socket a
 * channel of one shared connection that keeps every open channel in a table, as ssh2's Client does.
 */
function channelAgent(): http.Agent {
  const connection = { channels: {} as Record<number, net.Socket> };
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  (agent as unknown as { createConnection: unknown }).createConnection = () => {
    const s = Object.assign(new net.Socket(), { connection });
    connection.channels[next++] = s;
    return s;
  };
  return agent;
}

/** Puts n requests in the agent's queue directly (not through the modem, whose unpatched cost grows per call). */
function fillQueue(agent: http.Agent, n: number): void {
  for (let i = 0; i < n; i++)
    http
      .request({ host: 'docker', path: '/_ping', agent })
      .on('error', () => undefined)
      .end();
}

function queued(agent: http.Agent): number {
  return Object.values(agent.requests).reduce((n, q) => n + (q?.length ?? 0), 0);
}

/** What dockerode sends for `listContainers()`, through the modem of a client that uses `agent`. */
function dialList(modem: Modem): void {
  modem.dial(
    {
      path: '/containers/json?',
      method: 'GET',
      options: { all: true },
      statusCodes: { 200: true },
    },
    () => undefined,
  );
}

const modemOn = (agent: http.Agent): Modem =>
  new Dockerode({ protocol: 'http', host: 'docker', port: 80, agent, timeout: 15_000 }).modem;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('docker-modem as installed (patched)', () => {
  it('builds a request without inspecting its options (which hold the agent and its queue)', () => {
    const agent = stuckAgent();
    fillQueue(agent, QUEUED);
    // Stubbed so that an unpatched module fails here at once instead of formatting the queue 100 times.
    const inspect = vi.spyOn(util, 'inspect').mockImplementation(() => '');
    const modem = modemOn(agent);
    for (let i = 0; i < 100; i++) dialList(modem);
    expect(queued(agent)).toBe(QUEUED - 1 + 100); // the requests really wait on the shared agent
    const ofOptions = inspect.mock.calls.filter(
      ([value]) => typeof value === 'object' && value !== null && 'agent' in value,
    );
    expect(ofOptions).toHaveLength(0);
    agent.destroy();
  });

  it('costs the same per request with 40 in flight as with none (no per-call work that grows with load)', () => {
    const perCall = (agent: http.Agent, n: number): number => {
      const modem = modemOn(agent);
      const t0 = performance.now();
      for (let i = 0; i < n; i++) dialList(modem);
      return (performance.now() - t0) / n;
    };
    const warm = channelAgent();
    perCall(warm, 20); // warm up the code paths
    const empty = perCall(channelAgent(), 3);
    const loaded = channelAgent();
    fillQueue(loaded, IN_FLIGHT);
    const full = perCall(loaded, 3);
    // Unpatched, each call formats every open channel through the shared connection, and its cost grows with their
    // number squared (measured: 11 ms with none, 0.28 s with 20, 1.6 s with 40, 6.3 s with 80 per call).
    // Patched, both are microseconds; 10x (or 1 ms) leaves room for a noisy shared machine.
    const why = `per call: ${full.toFixed(3)} ms with ${IN_FLIGHT} in flight vs ${empty.toFixed(3)} ms with none`;
    expect(full, why).toBeLessThan(Math.max(empty * 10, 1));
    for (const a of [warm, loaded]) a.destroy();
  });
});

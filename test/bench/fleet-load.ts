// Load benchmark (a script that prints figures, not a timed test): the built console with an inventory of lab hosts
// of which 10 % are black-holed (the lab's sink accepts TCP and never answers), probed every 15 s, while three
// clients keep asking for the fleet page, the fleet API and a server action. Prints p50/p95/max latency of each and
// the server's event-loop delay.
//   npm run lab:up && npx next build && npm run -s bench:fleet -- [--seconds 60] [--hosts 20]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { labStatus } from '../helpers/lab';
import type { ConsoleClient } from '../integration/web/console-client';
import { consoleWithRoles } from '../integration/web/session';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, hosts: { type: 'string', default: '20' } },
});
const SECONDS = Number(values.seconds);
const HOSTS = Number(values.hosts);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function loop(
  name: string,
  until: number,
  call: () => Promise<{ status: number }>,
): Promise<{ name: string; times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  while (Date.now() < until) {
    const t0 = performance.now();
    const res = await call().catch(() => ({ status: 0 }));
    times.push(performance.now() - t0);
    if (res.status >= 400 || res.status === 0) errors++;
  }
  return { name, times, errors };
}

async function main(): Promise<void> {
  const lab = await labStatus();
  const r = await consoleWithRoles();
  try {
    const admin: ConsoleClient = r.admin;
    const black = Math.max(1, Math.round(HOSTS / 10));
    const ids: string[] = [];
    for (let i = 0; i < HOSTS; i++) {
      const sink = i < black;
      const h = lab.hosts[i % lab.hosts.length]!;
      const fields = sink
        ? {
            name: `blackholed-${i}`,
            address: lab.sink.address,
            port: lab.sink.port,
            user: 'root',
            dockerSocket: '/run/docker.sock',
            groups: 'bench',
            keyMode: 'generate',
          }
        : {
            name: `${h.name}-${i}`,
            address: h.address,
            port: h.port,
            user: h.user,
            dockerSocket: h.dockerSocket,
            groups: 'bench',
            keyMode: 'paste',
            privateKey: fs.readFileSync(h.keyFile, 'utf8'),
          };
      const { reply } = await admin.action<{ host: { id: string } }>(
        'app/actions/add-host.ts',
        'addHostAction',
        [fields],
      );
      if (!reply?.ok) throw new Error(`adding ${fields.name}: ${JSON.stringify(reply)}`);
      ids.push(reply.data.host.id);
      const fp = sink ? 'SHA256:' + 'A'.repeat(43) : h.fingerprint;
      await admin.action('app/actions/trust-host-key.ts', 'trustHostKey', [
        { id: reply.data.host.id, fingerprint: fp },
      ]);
    }
    // Wait for the first probe round of every reachable host, so the measurement is of a working fleet.
    const ready = Date.now() + 120_000;
    for (;;) {
      const f = (await admin.get('/api/fleet')).json<{ hosts: { status: string }[] }>();
      if (
        f.hosts.filter((h) => h.status === 'reachable').length >= HOSTS - black ||
        Date.now() > ready
      )
        break;
      await new Promise((res) => setTimeout(res, 1000));
    }
    const until = Date.now() + SECONDS * 1000;
    let n = 0;
    const results = await Promise.all([
      loop('fleet page  GET /', until, () => admin.request('GET', '/')),
      // The fleet page asks host by host, so one slow host never delays the others; black-holed ones included.
      loop('fleet API   GET /api/fleet?host=', until, () =>
        admin.get(`/api/fleet?host=${ids[(n++) % ids.length]}`),
      ),
      // Scripts ask for the whole fleet at once: bounded by the connect deadline of the black-holed hosts.
      loop('fleet API   GET /api/fleet (all)', until, () => admin.get('/api/fleet')),
      loop('health API  GET /api/health', until, () => admin.get('/api/health')),
      loop('server action setLocale', until, async () => {
        const { http } = await r.viewer.action('app/actions/set-locale.ts', 'setLocale', [
          { locale: 'en' },
        ]);
        return http;
      }),
    ]);
    const metrics = (await admin.get('/api/metrics')).body;
    const gauge = (name: string, label: string) =>
      Number(new RegExp(`^${name}\\{${label}\\} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    const probeSecs = [
      ...metrics.matchAll(/^dhc_host_probe_duration_seconds\{host="([^"]+)"\} (\S+)$/gm),
    ].map((m) => ({ host: m[1]!, s: Number(m[2]) }));
    const reachable = probeSecs
      .filter((p) => !p.host.startsWith('blackholed'))
      .map((p) => p.s * 1000);
    const holed = probeSecs.filter((p) => p.host.startsWith('blackholed')).map((p) => p.s * 1000);

    console.log(
      `fleet load: ${HOSTS} hosts (${black} black-holed), ${SECONDS} s, probes every 15 s, ${new Date().toISOString()}`,
    );
    for (const x of results) {
      console.log(
        `${x.name.padEnd(34)} n=${String(x.times.length).padStart(5)}  p50 ${ms(pct(x.times, 50)).padStart(7)}  p95 ${ms(pct(x.times, 95)).padStart(7)}  max ${ms(Math.max(...x.times)).padStart(7)}  errors ${x.errors}`,
      );
    }
    console.log(
      `event-loop delay  p50 ${ms(gauge('dhc_event_loop_delay_seconds', 'quantile="0.5"') * 1000)}  p99 ${ms(gauge('dhc_event_loop_delay_seconds', 'quantile="0.99"') * 1000)}  max ${ms(gauge('dhc_event_loop_delay_seconds', 'quantile="1"') * 1000)}`,
    );
    console.log(
      `last probe round  reachable hosts p50 ${ms(pct(reachable, 50))} max ${ms(Math.max(...reachable))}; black-holed ${holed.map(ms).join(', ') || 'n/a'}`,
    );
  } finally {
    await r.server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

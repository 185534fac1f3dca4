import { formatMoment } from '@/lib/i18n/format-time';
import type { Locale } from '@/lib/i18n/locales';
import { renderText } from '@/lib/i18n/text';
import { issueText } from '@/lib/remote/issues';
import { remedyTitle } from '@/lib/diagnosis/remedies';
import { hostRoundTimeoutMs } from '@/lib/health/config';
import { remoteProbeTransport } from '@/lib/probes/remote-transport';
import { ProbeState, probeHost } from '@/lib/probes/run';
import { NotFoundError } from '@/lib/errors';
import { printJson, runCommand } from './hosts';
import { containerArg } from './job-run';

export const summary =
  'probe one container now: its values and ranked findings (dhc probe HOST/CONTAINER [--json])';

const USAGE = `usage: dhc probe HOST/CONTAINER [--json] [--lang zh|en]
One probe round of the container (the same probe as the console's health pages): ONNX Runtime version and the
providers a real session gets, /dev/shm, GPU, batch_size, the service's env, hooks, log signatures, ranked findings.`;

export async function run(args: string[]): Promise<number> {
  return runCommand(
    'probe',
    args,
    { json: { type: 'boolean' }, lang: { type: 'string' } },
    async (v, pos) => {
      const target = await containerArg(pos[0]);
      const lang: Locale =
        v.lang === 'zh' || (v.lang === undefined && process.env.LANG?.startsWith('zh'))
          ? 'zh-CN'
          : 'en';
      const report = await probeHost(remoteProbeTransport(), target.hostId, new ProbeState(), {
        hostTimeoutMs: hostRoundTimeoutMs(),
      });
      if (!report.ok) throw new NotFoundError(`an answer from the host (${report.error})`);
      const c = report.containers.find((x) => x.container.name === target.container);
      if (!c) throw new NotFoundError(`service container ${target.container} on that host`);
      if (v.json) {
        printJson({
          container: c.container,
          at: c.at,
          facts: c.facts,
          window: c.window,
          signatures: c.signatures,
          history: c.history,
          lastHour: c.lastHour,
          diagnosis: c.diagnosis,
          errors: c.errors,
        });
        return 0;
      }
      const f = c.facts;
      const out = [
        `${pos[0]}: ${c.diagnosis.health}`,
        `  onnxruntime-gpu ${f.ortVersion ?? '?'}; session providers ${f.sessionProviders?.join(', ') ?? '?'}; CUDA ${f.cudaMajors.join('/') || '?'} cuDNN ${f.cudnnMajors.join('/') || '?'}`,
        `  /dev/shm ${f.shmBytes === null ? '?' : `${Math.round(f.shmBytes / 1024 / 1024)} MiB`}; GPU ${f.gpuUtilPct ?? '?'} %; batch_size ${f.batchSize ?? '?'}; hook ${f.hookInstalled ? 'installed' : 'not installed'}`,
        `  service ${f.serviceRunning ? `running, port ${f.port} ${f.portAnswers ? 'answers' : 'does not answer'}` : 'not running'}; ORT_PARALLEL=${f.env?.ORT_PARALLEL ?? '-'} OMP_WAIT_POLICY=${f.env?.OMP_WAIT_POLICY ?? '-'}`,
      ];
      c.diagnosis.findings.forEach((x, i) => {
        out.push(`  ${i + 1}. [${x.severity}] ${renderText(x.title, lang)}`);
        for (const e of x.evidence) out.push(`       - ${renderText(e, lang)}`);
        if (x.remedies.length)
          out.push(
            `       remedies: ${x.remedies.map((r) => renderText(remedyTitle(r), lang)).join(' → ')}`,
          );
      });
      const w = c.window;
      out.splice(
        1,
        0,
        `  log evidence ${w.basis === 'service_start' ? `since the service started (${formatMoment(w.fromMs, lang)})` : `over the last ${w.minutes} min`}`,
      );
      for (const e of c.errors) out.push(`  probe error: ${issueText(e)}`);
      process.stdout.write(`${out.join('\n')}\n`);
      return 0;
    },
    USAGE,
  );
}

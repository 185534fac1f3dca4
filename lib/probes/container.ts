// One probe round of one container: one exec of container-probe.py (everything read inside the container in a
// single round trip), the container's inspect data, and the host's GPU figures, turned into facts, signature
// counts and a ranked diagnosis.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { healthWindowMinutes } from '@/lib/config';
import { diagnose, type Diagnosis } from '@/lib/diagnosis/diagnose';
import {
  evidenceWindow,
  type EvidenceWindow,
  type LogEvent,
  type TimedSummary,
} from '@/lib/diagnosis/events';
import type { ContainerFacts } from '@/lib/diagnosis/facts';
import type { SignatureId } from '@/lib/diagnosis/signatures';
import { probeCompose, type ComposeInfo } from './compose';
import { factsFromProbe } from './facts';
import { gpuForContainer } from './gpu';
import { FIRST_CONTACT_TAIL, newLines, sinceFor, type ContainerLogCursor } from './container-log';
import { probeIssue, type ProbeIssue, type ProbePart } from '@/lib/remote/issues';
import { LogWatch } from './log-watch';
import type { ContainerDetails, ContainerRef, ProbeTransport } from './transport';
import {
  ok,
  type ContainerGpu,
  type ContainerProbeOutput,
  type HostGpu,
  type ProbeLogChunk,
} from './types';

export const ENV_PYTHON = '/opt/conda/envs/human/bin/python';
export const APP_DIR = '/app/HeyGem-Linux-Python-Hack';
export const LOG_PATHS = ['/tmp/gradio.log', `${APP_DIR}/log/dh.log`];
/** A real session costs a CUDA context: re-check providers only this often, or when the ORT install changed. */
const SESSION_RECHECK_MS = 10 * 60_000;

let script: string | null = null;
export function probeScript(): string {
  if (script === null) {
    try {
      script = readFileSync(new URL('./container-probe.py', import.meta.url), 'utf8');
    } catch {
      script = readFileSync(path.resolve(process.cwd(), 'lib/probes/container-probe.py'), 'utf8');
    }
  }
  return script;
}

/** What the console keeps about a container between rounds. */
export class ContainerWatch {
  readonly logs = new LogWatch();
  readonly dockerLog: ContainerLogCursor = { lastTs: null };
  lastSession: { key: string; at: number; session: unknown } | null = null;
}

export interface ContainerReport {
  hostId: string;
  container: ContainerRef;
  at: string;
  details: ContainerDetails | null;
  /** The probe's output, log bytes removed. */
  probe: Omit<ContainerProbeOutput, 'logs'> | null;
  gpu: ContainerGpu | null;
  facts: ContainerFacts;
  /** Log events inside the health window (see `window`): what the diagnosis is judged on. */
  signatures: TimedSummary;
  /** Events before the window: history, shown as such. */
  history: TimedSummary;
  /** Events per signature in the hour before `at`: the span of the charts' last hour. */
  lastHour: Record<SignatureId, number>;
  window: EvidenceWindow;
  /** The container's time zone (log times are written in it), when the probe read it. */
  clock: { offsetS: number; zone: string | null } | null;
  /** Events first seen this round (each with its moment in UTC and a stable key). */
  newHits: LogEvent[];
  compose: ComposeInfo | null;
  diagnosis: Diagnosis;
  errors: ProbeIssue[];
  /** A job or test run holds the container now (set by the scheduler). */
  busy?: { id: string; kind: 'job' | 'test' } | null;
  /** The job changes the container (re-creates, restarts it): these are the last values read before (`valuesAt`). */
  transition?: { since: string; valuesAt: string };
}

/** Seconds the container's clock is ahead of UTC: what its probe said, else judged from its local time now. */
export function clockOf(
  probe: ContainerProbeOutput | null,
  atIso: string,
): ContainerReport['clock'] {
  if (!probe) return null;
  if (probe.tz && Number.isInteger(probe.tz.offsetS))
    return { offsetS: probe.tz.offsetS, zone: probe.tz.name || null };
  const local = Date.parse(`${probe.nowLocal.replace(' ', 'T')}Z`);
  if (!Number.isFinite(local)) return null;
  return { offsetS: Math.round((local - Date.parse(atIso)) / 900_000) * 900, zone: null };
}

export async function probeContainer(
  t: ProbeTransport,
  hostId: string,
  container: ContainerRef,
  watch: ContainerWatch,
  hostGpu: HostGpu | null,
  timeoutMs: number,
): Promise<ContainerReport> {
  const errors: ProbeIssue[] = [];
  const why = (part: ProbePart) => (e: unknown) => {
    errors.push(probeIssue(part, e));
    return null;
  };
  const details = await t.inspect(hostId, container.id, timeoutMs).catch(why('inspect'));
  const live = details?.running !== false;
  // The reads of one container go out together: the in-container probe, its Docker log, its compose file.
  const [probe, dockerLog, compose] = await Promise.all([
    live ? runProbeScript(t, hostId, container.id, watch, timeoutMs).catch(why('probe')) : null,
    live && t.containerLogs
      ? t
          .containerLogs(hostId, container.id, dockerLogWindow(watch, timeoutMs))
          .catch(why('container_log'))
      : null,
    details ? probeCompose(t, hostId, details.labels, timeoutMs).catch(why('compose')) : null,
  ]);
  const at = new Date().toISOString();
  const clock = clockOf(probe, at);
  watch.logs.setClock(clock?.offsetS ?? null);
  if (probe) {
    for (const chunk of probe.logs) {
      if ('data' in chunk) watch.logs.accept(chunk as ProbeLogChunk, probe.nowLocal);
      else if ('error' in chunk && chunk.error !== 'missing')
        errors.push(
          probeIssue('log_file', `${'path' in chunk ? chunk.path : '?'}: ${chunk.error}`),
        );
    }
    reuseSession(probe, watch);
  }
  if (dockerLog !== null)
    watch.logs.acceptLines('docker:logs', newLines(dockerLog, watch.dockerLog));
  const gpu = hostGpu ? gpuForContainer(hostGpu, details?.id ?? container.id) : null;
  const facts = factsFromProbe(probe, details, gpu);
  if (details && !details.running) facts.serviceRunning = false;
  const window = evidenceWindow(
    Date.parse(at),
    healthWindowMinutes(),
    serviceStartMs(probe, details),
  );
  const { current, history, lastHour } = watch.logs.summarize(window, probe?.nowLocal);
  const { logs: _logs, ...rest } = probe ?? ({ logs: [] } as unknown as ContainerProbeOutput);
  return {
    hostId,
    container,
    at,
    details,
    probe: probe ? rest : null,
    gpu,
    facts,
    signatures: current,
    history,
    lastHour,
    window,
    clock,
    compose,
    newHits: watch.logs.takeFreshHits(),
    diagnosis: diagnose(current, facts, { window, history }),
    errors,
  };
}

/** When the service process now running started; null when none runs (or it is not known). */
function serviceStartMs(
  probe: ContainerProbeOutput | null,
  details: ContainerDetails | null,
): number | null {
  if (details && !details.running) return null;
  const service = ok(probe?.service);
  if (service?.running && typeof service.startedAt === 'number')
    return Math.round(service.startedAt * 1000);
  return null;
}

async function runProbeScript(
  t: ProbeTransport,
  hostId: string,
  id: string,
  watch: ContainerWatch,
  timeoutMs: number,
): Promise<ContainerProbeOutput> {
  const sessionCheck = !watch.lastSession || Date.now() - watch.lastSession.at > SESSION_RECHECK_MS;
  const config = { appDir: APP_DIR, logs: watch.logs.specs(LOG_PATHS), sessionCheck };
  const r = await t.execInContainer(hostId, id, [ENV_PYTHON, '-', JSON.stringify(config)], {
    stdin: probeScript(),
    timeoutMs,
  });
  if (r.code !== 0) throw new Error(`exited ${r.code}: ${r.stderr.trim().slice(-500)}`);
  try {
    return JSON.parse(r.stdout) as ContainerProbeOutput;
  } catch {
    throw new Error(`printed no JSON: ${r.stdout.slice(0, 200)}`);
  }
}

function dockerLogWindow(
  watch: ContainerWatch,
  timeoutMs: number,
): { since?: number; tail?: number; timeoutMs: number } {
  const since = sinceFor(watch.dockerLog);
  return since === undefined ? { tail: FIRST_CONTACT_TAIL, timeoutMs } : { since, timeoutMs };
}

// Keeps the last real session result, so rounds that skip the (costly) session check still report providers;
// a changed ORT install forces a new check next round.
function reuseSession(probe: ContainerProbeOutput, watch: ContainerWatch): void {
  const ort = ok(probe.ort);
  if (!ort) return;
  const key = `${ort.version}|${ort.location ?? ''}|${ort.buildCuda ?? ''}`;
  if (ort.session) watch.lastSession = { key, at: Date.now(), session: ort.session };
  else if (watch.lastSession?.key === key)
    ort.session = watch.lastSession.session as typeof ort.session;
  else watch.lastSession = null;
}

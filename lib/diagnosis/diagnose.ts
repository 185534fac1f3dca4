// Combines signature hits and probe facts into ranked findings, each with its evidence and the remedies that
// address it, in the order of the remediation procedure. Pure: no I/O.
import { buildsOf, checkOrtCompat } from './compat';
import type { EvidenceWindow, TallyWithTimes } from './events';
import {
  CUDA_PROVIDER,
  SHM_ADVISED,
  SHM_MIN_BYTES,
  formatBytes,
  unknownFacts,
  type ContainerFacts,
} from './facts';
import { msg, type MessageRef } from './messages';
import { inRemedyOrder, type RemedyId } from './remedies';
import { SIGNATURE_IDS, signatureById, type SignatureId } from './signatures';
import type { SignatureSummary, SignatureTally } from './scanner';

export type Severity = 'critical' | 'warning' | 'info' | 'ok';
export type FindingId =
  | 'service_down'
  | 'queue_blocking'
  | 'cpu_fallback'
  | 'ort_cpu_package'
  | 'ort_mismatch'
  | 'cuda_oom'
  | 'shm_exhausted'
  | 'shm_small'
  | 'queue_empty'
  | 'stall'
  | 'batch_size_high'
  | 'hook_missing'
  | 'restart_pending'
  | 'ort_env_note'
  | 'history'
  | 'healthy';

export interface Finding {
  id: FindingId;
  severity: Severity;
  title: MessageRef;
  evidence: MessageRef[];
  remedies: RemedyId[];
  /** Remedy parameters the evidence suggests, e.g. the version to pin. */
  remedyParams: Partial<Record<RemedyId, Record<string, string | number>>>;
}

export interface Diagnosis {
  health: 'blocking' | 'degraded' | 'healthy';
  findings: Finding[];
  /** The span the log evidence holds over; absent when a log is judged on its own (the whole log). */
  window?: EvidenceWindow;
}

export interface DiagnoseContext {
  /** The window the signatures given hold over (a probed container: since its service started). */
  window?: EvidenceWindow;
  /** Events before that window: shown as history, never raising the health. */
  history?: SignatureSummary;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1, ok: 0 };
// Among equals, the finding that explains the others comes first.
const FINDING_RANK: FindingId[] = [
  'service_down',
  'queue_blocking',
  'cpu_fallback',
  'ort_cpu_package',
  'stall',
  'cuda_oom',
  'shm_exhausted',
  'ort_mismatch',
  'shm_small',
  'queue_empty',
  'restart_pending',
  'batch_size_high',
  'hook_missing',
  'ort_env_note',
  'history',
  'healthy',
];

type Tally = SignatureTally & Partial<Pick<TallyWithTimes, 'firstAt' | 'lastAt'>>;

/** A moment for the reader: converted to their zone when known, else as the log wrote it. */
const moment = (at: number | null | undefined, local: string | null) =>
  typeof at === 'number' ? { at } : { local: local ?? '?' };

function windowRef(w: EvidenceWindow | undefined): MessageRef {
  if (!w) return msg('win.in_log');
  return w.basis === 'service_start'
    ? msg('win.since_start', { at: { at: w.fromMs } })
    : msg('win.last_minutes', { minutes: w.minutes });
}

function taskList(ids: string[]): string {
  return ids.length === 0
    ? '—'
    : ids.slice(0, 5).join(', ') + (ids.length > 5 ? ` (+${ids.length - 5})` : '');
}

/** One line per signature seen before the window: how many, when, which tasks. */
function historyEvidence(history: SignatureSummary | undefined): MessageRef[] {
  if (!history) return [];
  return SIGNATURE_IDS.filter((id) => history[id].count > 0).map((id) => {
    const t = history[id] as Tally;
    return msg('ev.history_hits', {
      signature: { sig: id },
      count: t.count,
      first: moment(t.firstAt, t.first),
      last: moment(t.lastAt, t.last),
      tasks: taskList(t.taskIds),
    });
  });
}

export function diagnose(
  signatures: SignatureSummary,
  factsIn: ContainerFacts | null = null,
  ctx: DiagnoseContext = {},
): Diagnosis {
  const f = factsIn ?? unknownFacts();
  const out: Finding[] = [];
  const add = (
    id: FindingId,
    severity: Severity,
    evidence: MessageRef[],
    remedies: RemedyId[],
    remedyParams: Finding['remedyParams'] = {},
  ) =>
    out.push({
      id,
      severity,
      title: msg(`finding.${id}`),
      evidence,
      remedies: inRemedyOrder(remedies),
      remedyParams,
    });

  const hits = (id: SignatureId) => signatures[id].count;
  const hitEvidence = (id: SignatureId) => {
    const t = signatures[id] as Tally;
    return msg('ev.signature_hits', {
      signature: { sig: id },
      count: t.count,
      window: { ref: windowRef(ctx.window) },
      first: moment(t.firstAt, t.first),
      last: moment(t.lastAt, t.last),
      tasks: taskList(t.taskIds),
    });
  };

  const compat = checkOrtCompat(f.ortVersion, f.cudaMajors, f.cudnnMajors, f.ortBuild);
  const pinParams = compat.recommended ? { 'pin-ort': { version: compat.recommended } } : {};
  const sessionOnCpu = f.sessionProviders !== null && !f.sessionProviders.includes(CUDA_PROVIDER);
  const onCpu = sessionOnCpu || (f.sessionProviders === null && hits('cuda_provider_fallback') > 0);
  const shmSmall = f.shmBytes !== null && f.shmBytes < SHM_MIN_BYTES;
  const batchHigh = f.batchSize !== null && f.batchSize > 1;
  // The session's real options decide; the console's own hook being absent matters only when they are unknown.
  const noSessionOptions =
    f.sessionOptionsApplied === false ||
    (f.sessionOptionsApplied === null && f.hookInstalled === false);

  const ortEvidence = (): MessageRef[] => {
    const ev: MessageRef[] = [];
    const version = f.ortVersion ?? '?';
    if (sessionOnCpu)
      ev.push(
        msg('ev.ort_session_cpu', { version, providers: f.sessionProviders!.join(', ') || '—' }),
      );
    if (f.sessionError) ev.push(msg('ev.ort_session_error', { error: f.sessionError }));
    if (hits('cuda_provider_fallback') > 0) ev.push(hitEvidence('cuda_provider_fallback'));
    if (f.availableProviders?.includes(CUDA_PROVIDER) && onCpu)
      ev.push(msg('ev.ort_available_lies', { providers: f.availableProviders.join(', ') }));
    const libs = { cuda: f.cudaMajors.join('/') || '—', cudnn: f.cudnnMajors.join('/') || '—' };
    if (f.cudaMajors.length + f.cudnnMajors.length > 0) ev.push(msg('ev.cuda_libs', libs));
    if (compat.verdict === 'mismatch' || compat.verdict === 'feed_build_only') {
      const builds = compat.installed ? [compat.installed] : buildsOf(version);
      const needs = [
        ...new Set(builds.map((b) => `CUDA ${b.cudaMajor} + cuDNN ${b.cudnnMajor}`)),
      ].join(' | ');
      ev.push(msg('ev.compat_mismatch', { version, needs, ...libs }));
    } else if (compat.verdict === 'match' && onCpu)
      ev.push(msg('ev.compat_match', { version, ...libs }));
    if (compat.recommended && compat.recommended !== f.ortVersion)
      ev.push(msg('ev.recommend_version', { version: compat.recommended }));
    return ev;
  };
  const gpuEvidence = (): MessageRef[] =>
    f.gpuAvailable === false
      ? [msg('ev.no_gpu_data')]
      : f.gpuUtilPct !== null
        ? [msg('ev.gpu_util', { pct: f.gpuUtilPct })]
        : [];
  const shmEvidence = () =>
    f.shmBytes !== null ? [msg('ev.shm', { size: formatBytes(f.shmBytes), min: SHM_ADVISED })] : [];

  if (f.serviceRunning === false || f.portAnswers === false) {
    const ev =
      f.serviceRunning === false
        ? [msg('ev.service_not_running')]
        : [msg('ev.port_down', { port: f.port ?? '?' })];
    add('service_down', 'critical', ev, ['restart']);
  }

  if (hits('queue_full') > 0) {
    const ev: MessageRef[] = [hitEvidence('queue_full')];
    const remedies: RemedyId[] = [];
    if (factsIn === null) ev.push(msg('ev.logs_only'));
    if (onCpu || compat.verdict === 'mismatch' || factsIn === null) remedies.push('pin-ort');
    if (onCpu || compat.verdict === 'mismatch') ev.push(...ortEvidence());
    ev.push(...gpuEvidence(), ...shmEvidence());
    if (f.batchSize !== null) ev.push(msg('ev.batch_size', { value: f.batchSize }));
    if (f.queueSize !== null) ev.push(msg('ev.queue_size', { size: f.queueSize }));
    if (noSessionOptions || factsIn === null) remedies.push('session-options');
    if (shmSmall || factsIn === null) remedies.push('shm');
    if (batchHigh || factsIn === null) remedies.push('batch-size');
    remedies.push('restart');
    add('queue_blocking', 'critical', ev, remedies, pinParams);
  }

  if (onCpu)
    add(
      'cpu_fallback',
      'critical',
      [...ortEvidence(), ...gpuEvidence()],
      ['pin-ort', 'restart'],
      pinParams,
    );
  else if (f.sessionProviders === null && compat.verdict === 'mismatch')
    add('ort_mismatch', 'warning', ortEvidence(), ['pin-ort', 'restart'], pinParams);

  if (f.ortPackages && 'onnxruntime' in f.ortPackages) {
    const packages = Object.entries(f.ortPackages)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ');
    add(
      'ort_cpu_package',
      onCpu ? 'critical' : 'warning',
      [msg('ev.ort_packages', { packages })],
      ['pin-ort', 'restart'],
      pinParams,
    );
  }

  if (hits('stall') > 0) {
    const ev = [hitEvidence('stall')];
    if (f.gpuUtilPct !== null && f.gpuUtilPct < 5)
      ev.push(msg('ev.stall_gpu_idle', { pct: f.gpuUtilPct }));
    add('stall', 'critical', ev, signatureById('stall').remedies);
  }
  if (hits('cuda_oom') > 0)
    add(
      'cuda_oom',
      'critical',
      [hitEvidence('cuda_oom'), ...gpuEvidence()],
      signatureById('cuda_oom').remedies,
    );
  if (hits('shm_exhausted') > 0)
    add(
      'shm_exhausted',
      'critical',
      [hitEvidence('shm_exhausted'), ...shmEvidence()],
      signatureById('shm_exhausted').remedies,
    );
  else if (shmSmall) add('shm_small', 'warning', shmEvidence(), ['shm']);

  if (hits('queue_empty') > 0) {
    const ev = [hitEvidence('queue_empty')];
    if (f.serviceUptimeS !== null && f.serviceUptimeS < 300)
      ev.push(msg('ev.wait_at_start', { uptime: f.serviceUptimeS }));
    add(
      'queue_empty',
      'warning',
      ev,
      onCpu ? ['pin-ort', 'restart'] : ['restart'],
      onCpu ? pinParams : {},
    );
  }

  if (f.restartPending.length > 0 && f.serviceRunning !== false) {
    add(
      'restart_pending',
      'warning',
      [msg('ev.changed_since_start', { changes: f.restartPending.join(', ') })],
      ['restart'],
    );
  }

  const blocking = out.some((x) => x.id === 'queue_blocking');
  if (batchHigh && !blocking)
    add(
      'batch_size_high',
      'info',
      [msg('ev.batch_size', { value: f.batchSize! })],
      ['batch-size', 'restart'],
    );
  if (noSessionOptions && !blocking)
    add('hook_missing', 'info', [msg('ev.hook_missing')], ['session-options', 'restart']);

  // The procedure's step 2 is harmless but has no known effect: said where the procedure is in view (the container
  // blocks, or the variables are set), never offered as a fix (it has its own button and runbook step).
  const envSet = f.env !== null && (f.env.ORT_PARALLEL !== null || f.env.OMP_WAIT_POLICY !== null);
  if (envSet || blocking) {
    const ev = f.env
      ? [
          msg('ev.env', {
            ORT_PARALLEL: f.env.ORT_PARALLEL ?? '—',
            OMP_WAIT_POLICY: f.env.OMP_WAIT_POLICY ?? '—',
          }),
        ]
      : [];
    add('ort_env_note', 'info', [...ev, msg('ev.env_truth')], []);
  }

  const history = historyEvidence(ctx.history);
  if (history.length > 0) {
    const basis =
      ctx.window?.basis === 'service_start' ? 'finding.history_restart' : 'finding.history_older';
    out.push({
      id: 'history',
      severity: 'info',
      title: msg(basis, { window: { ref: windowRef(ctx.window) } }),
      evidence: history,
      remedies: [],
      remedyParams: {},
    });
  }

  if (!out.some((x) => x.severity === 'critical' || x.severity === 'warning')) {
    add(
      'healthy',
      'ok',
      factsIn === null ? [msg('ev.logs_only')] : [msg('ev.all_clear'), ...gpuEvidence()],
      [],
    );
  }

  // "Healthy" heads a healthy container's notes; history comes last, whatever its rank: it is about the past.
  const last = (f: Finding) => (f.id === 'healthy' ? -1 : f.id === 'history' ? 1 : 0);
  out.sort(
    (a, b) =>
      last(a) - last(b) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      FINDING_RANK.indexOf(a.id) - FINDING_RANK.indexOf(b.id),
  );
  const health = out.some((x) => x.severity === 'critical')
    ? 'blocking'
    : out.some((x) => x.severity === 'warning')
      ? 'degraded'
      : 'healthy';
  return { health, findings: out, ...(ctx.window ? { window: ctx.window } : {}) };
}

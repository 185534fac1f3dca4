// Combines signature hits and probe facts into ranked findings, each with its evidence and the remedies that
// address it, in the order of the remediation procedure. Pure: no I/O.
import type { EvidenceWindow } from './events';
import { type DiagnosisInputs, Evidence, historyEvidence, readInputs, windowRef } from './evidence';
import type { ContainerFacts } from './facts';
import type { Text } from '@/lib/i18n/text';
import { msg } from './messages';
import { inRemedyOrder, type RemedyId } from './remedies';
import type { SignatureSummary } from './scanner';
import { signatureById } from './signatures';

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
  title: Text;
  evidence: Text[];
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

type Add = (
  id: FindingId,
  severity: Severity,
  evidence: Text[],
  remedies: RemedyId[],
  remedyParams?: Finding['remedyParams'],
) => void;

/** The service itself, the queue and the ONNX Runtime it runs on. */
function runtimeFindings(x: DiagnosisInputs, ev: Evidence, add: Add): void {
  const { f, factsIn } = x;
  if (f.serviceRunning === false || f.portAnswers === false) {
    const down =
      f.serviceRunning === false
        ? [msg('ev.service_not_running')]
        : [msg('ev.port_down', { port: f.port ?? '?' })];
    add('service_down', 'critical', down, ['restart']);
  }
  if (ev.hits('queue_full') > 0) {
    const lines: Text[] = [ev.hit('queue_full')];
    const remedies: RemedyId[] = [];
    if (factsIn === null) lines.push(msg('ev.logs_only'));
    if (x.onCpu || x.compat.verdict === 'mismatch' || factsIn === null) remedies.push('pin-ort');
    if (x.onCpu || x.compat.verdict === 'mismatch') lines.push(...ev.ort());
    lines.push(...ev.gpu(), ...ev.shm());
    if (f.batchSize !== null) lines.push(msg('ev.batch_size', { value: f.batchSize }));
    if (f.queueSize !== null) lines.push(msg('ev.queue_size', { size: f.queueSize }));
    if (x.noSessionOptions || factsIn === null) remedies.push('session-options');
    if (x.shmSmall || factsIn === null) remedies.push('shm');
    if (x.batchHigh || factsIn === null) remedies.push('batch-size');
    remedies.push('restart');
    add('queue_blocking', 'critical', lines, remedies, x.pinParams);
  }
  const pin: RemedyId[] = ['pin-ort', 'restart'];
  if (x.onCpu) add('cpu_fallback', 'critical', [...ev.ort(), ...ev.gpu()], pin, x.pinParams);
  else if (f.sessionProviders === null && x.compat.verdict === 'mismatch')
    add('ort_mismatch', 'warning', ev.ort(), pin, x.pinParams);
  if (f.ortPackages && 'onnxruntime' in f.ortPackages) {
    const packages = Object.entries(f.ortPackages)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ');
    const severity = x.onCpu ? 'critical' : 'warning';
    add('ort_cpu_package', severity, [msg('ev.ort_packages', { packages })], pin, x.pinParams);
  }
}

/** What the log says besides the queue: stalls, out-of-memory, shared memory, waits, pending restarts. */
function logFindings(x: DiagnosisInputs, ev: Evidence, add: Add): void {
  const { f } = x;
  if (ev.hits('stall') > 0) {
    const lines = [ev.hit('stall')];
    if (f.gpuUtilPct !== null && f.gpuUtilPct < 5)
      lines.push(msg('ev.stall_gpu_idle', { pct: f.gpuUtilPct }));
    add('stall', 'critical', lines, signatureById('stall').remedies);
  }
  if (ev.hits('cuda_oom') > 0) {
    const lines = [ev.hit('cuda_oom'), ...ev.gpu()];
    add('cuda_oom', 'critical', lines, signatureById('cuda_oom').remedies);
  }
  if (ev.hits('shm_exhausted') > 0) {
    const lines = [ev.hit('shm_exhausted'), ...ev.shm()];
    add('shm_exhausted', 'critical', lines, signatureById('shm_exhausted').remedies);
  } else if (x.shmSmall) add('shm_small', 'warning', ev.shm(), ['shm']);
  if (ev.hits('queue_empty') > 0) {
    const lines = [ev.hit('queue_empty')];
    if (f.serviceUptimeS !== null && f.serviceUptimeS < 300)
      lines.push(msg('ev.wait_at_start', { uptime: f.serviceUptimeS }));
    const remedies: RemedyId[] = x.onCpu ? ['pin-ort', 'restart'] : ['restart'];
    add('queue_empty', 'warning', lines, remedies, x.onCpu ? x.pinParams : {});
  }
  if (f.restartPending.length > 0 && f.serviceRunning !== false) {
    const changes = f.restartPending.join(', ');
    add('restart_pending', 'warning', [msg('ev.changed_since_start', { changes })], ['restart']);
  }
}

/** Settings worth a note; `blocking`: the queue blocks (the procedure is then in view). */
function configFindings(x: DiagnosisInputs, blocking: boolean, add: Add): void {
  const { f } = x;
  if (x.batchHigh && !blocking) {
    const lines = [msg('ev.batch_size', { value: f.batchSize! })];
    add('batch_size_high', 'info', lines, ['batch-size', 'restart']);
  }
  if (x.noSessionOptions && !blocking)
    add('hook_missing', 'info', [msg('ev.hook_missing')], ['session-options', 'restart']);
  // The procedure's step 2 is harmless but has no known effect: said where the procedure is in view (the container
  // blocks, or the variables are set), never offered as a fix (it has its own button and runbook step).
  const envSet = f.env !== null && (f.env.ORT_PARALLEL !== null || f.env.OMP_WAIT_POLICY !== null);
  if (envSet || blocking) {
    const lines = f.env
      ? [
          msg('ev.env', {
            ORT_PARALLEL: f.env.ORT_PARALLEL ?? '—',
            OMP_WAIT_POLICY: f.env.OMP_WAIT_POLICY ?? '—',
          }),
        ]
      : [];
    add('ort_env_note', 'info', [...lines, msg('ev.env_truth')], []);
  }
}

/** Events before the window, as one finding of its own: about the past, never raising the health. */
function historyFinding(ctx: DiagnoseContext): Finding | null {
  const evidence = historyEvidence(ctx.history);
  if (evidence.length === 0) return null;
  const basis =
    ctx.window?.basis === 'service_start' ? 'finding.history_restart' : 'finding.history_older';
  const title = msg(basis, { window: { text: windowRef(ctx.window) } });
  return { id: 'history', severity: 'info', title, evidence, remedies: [], remedyParams: {} };
}

/** Most severe first; among equals the one that explains the others. "Healthy" heads, history ends. */
function ranked(out: Finding[]): Finding[] {
  const last = (f: Finding) => (f.id === 'healthy' ? -1 : f.id === 'history' ? 1 : 0);
  return out.sort(
    (a, b) =>
      last(a) - last(b) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      FINDING_RANK.indexOf(a.id) - FINDING_RANK.indexOf(b.id),
  );
}

export function diagnose(
  signatures: SignatureSummary,
  factsIn: ContainerFacts | null = null,
  ctx: DiagnoseContext = {},
): Diagnosis {
  const x = readInputs(signatures, factsIn);
  const ev = new Evidence(x, ctx.window);
  const out: Finding[] = [];
  const add: Add = (id, severity, evidence, remedies, remedyParams = {}) => {
    const title = msg(`finding.${id}`);
    out.push({ id, severity, title, evidence, remedies: inRemedyOrder(remedies), remedyParams });
  };
  runtimeFindings(x, ev, add);
  logFindings(x, ev, add);
  configFindings(
    x,
    out.some((f) => f.id === 'queue_blocking'),
    add,
  );
  const history = historyFinding(ctx);
  if (history) out.push(history);
  if (!out.some((f) => f.severity === 'critical' || f.severity === 'warning')) {
    const lines = factsIn === null ? [msg('ev.logs_only')] : [msg('ev.all_clear'), ...ev.gpu()];
    add('healthy', 'ok', lines, []);
  }
  const findings = ranked(out);
  const health = findings.some((f) => f.severity === 'critical')
    ? 'blocking'
    : findings.some((f) => f.severity === 'warning')
      ? 'degraded'
      : 'healthy';
  return { health, findings, ...(ctx.window ? { window: ctx.window } : {}) };
}

// What the findings of lib/diagnosis/diagnose.ts are judged on (the facts and what follows from them) and the
// evidence lines they quote: signature counts over their window, the ONNX Runtime, the GPU and the shared memory.
import { buildsOf, checkOrtCompat } from './compat';
import type { EvidenceWindow, TallyWithTimes } from './events';
import {
  CUDA_PROVIDER,
  type ContainerFacts,
  formatBytes,
  SHM_ADVISED,
  SHM_MIN_BYTES,
  unknownFacts,
} from './facts';
import type { Text } from '@/lib/i18n/text';
import { msg, signatureTitle } from './messages';
import type { SignatureSummary, SignatureTally } from './scanner';
import { SIGNATURE_IDS, type SignatureId } from './signatures';

type Tally = SignatureTally & Partial<Pick<TallyWithTimes, 'firstAt' | 'lastAt'>>;

export interface DiagnosisInputs {
  signatures: SignatureSummary;
  /** The facts (unknown ones when only a log is judged). */
  f: ContainerFacts;
  /** The facts as given: null when only a log is judged. */
  factsIn: ContainerFacts | null;
  compat: ReturnType<typeof checkOrtCompat>;
  pinParams: Partial<Record<'pin-ort', { version: string }>>;
  sessionOnCpu: boolean;
  onCpu: boolean;
  shmSmall: boolean;
  batchHigh: boolean;
  noSessionOptions: boolean;
}

export function readInputs(
  signatures: SignatureSummary,
  factsIn: ContainerFacts | null,
): DiagnosisInputs {
  const f = factsIn ?? unknownFacts();
  const compat = checkOrtCompat(f.ortVersion, f.cudaMajors, f.cudnnMajors, f.ortBuild);
  const sessionOnCpu = f.sessionProviders !== null && !f.sessionProviders.includes(CUDA_PROVIDER);
  const fellBack = signatures.cuda_provider_fallback.count > 0;
  return {
    signatures,
    f,
    factsIn,
    compat,
    pinParams: compat.recommended ? { 'pin-ort': { version: compat.recommended } } : {},
    sessionOnCpu,
    onCpu: sessionOnCpu || (f.sessionProviders === null && fellBack),
    shmSmall: f.shmBytes !== null && f.shmBytes < SHM_MIN_BYTES,
    batchHigh: f.batchSize !== null && f.batchSize > 1,
    // The session's real options decide; the console's own hook being absent matters only when they are unknown.
    noSessionOptions:
      f.sessionOptionsApplied === false ||
      (f.sessionOptionsApplied === null && f.hookInstalled === false),
  };
}

/** A moment for the reader: converted to their zone when known, else as the log wrote it. */
const moment = (at: number | null | undefined, local: string | null) =>
  typeof at === 'number' ? { at } : { local: local ?? '?' };

export function windowRef(w: EvidenceWindow | undefined): Text {
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
export function historyEvidence(history: SignatureSummary | undefined): Text[] {
  if (!history) return [];
  return SIGNATURE_IDS.filter((id) => history[id].count > 0).map((id) => {
    const t = history[id] as Tally;
    return msg('ev.history_hits', {
      signature: { text: signatureTitle(id) },
      count: t.count,
      first: moment(t.firstAt, t.first),
      last: moment(t.lastAt, t.last),
      tasks: taskList(t.taskIds),
    });
  });
}

/** The evidence lines the findings quote, from the inputs and the window the signatures hold over. */
export class Evidence {
  constructor(
    private readonly x: DiagnosisInputs,
    private readonly window: EvidenceWindow | undefined,
  ) {}

  hits(id: SignatureId): number {
    return this.x.signatures[id].count;
  }

  /** A signature's count over the window, its first and last time and its tasks. */
  hit(id: SignatureId): Text {
    const t = this.x.signatures[id] as Tally;
    return msg('ev.signature_hits', {
      signature: { text: signatureTitle(id) },
      count: t.count,
      window: { text: windowRef(this.window) },
      first: moment(t.firstAt, t.first),
      last: moment(t.lastAt, t.last),
      tasks: taskList(t.taskIds),
    });
  }

  /** Why the session runs where it does: providers, libraries, the version's compatibility. */
  ort(): Text[] {
    const { f, compat, onCpu } = this.x;
    const ev: Text[] = [];
    const version = f.ortVersion ?? '?';
    if (this.x.sessionOnCpu) {
      const providers = f.sessionProviders!.join(', ') || '—';
      ev.push(msg('ev.ort_session_cpu', { version, providers }));
    }
    if (f.sessionError) ev.push(msg('ev.ort_session_error', { error: f.sessionError }));
    if (this.hits('cuda_provider_fallback') > 0) ev.push(this.hit('cuda_provider_fallback'));
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
    // The version to pin is the pin remedy's parameter (shown with the remedies), not a fact about the container.
    return ev;
  }

  gpu(): Text[] {
    const { f } = this.x;
    if (f.gpuAvailable === false) return [msg('ev.no_gpu_data')];
    return f.gpuUtilPct !== null ? [msg('ev.gpu_util', { pct: f.gpuUtilPct })] : [];
  }

  shm(): Text[] {
    const { f } = this.x;
    return f.shmBytes !== null
      ? [msg('ev.shm', { size: formatBytes(f.shmBytes), min: SHM_ADVISED })]
      : [];
  }
}

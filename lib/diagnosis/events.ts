// Log events with their moment in UTC, and the window health is judged over. A container's logs keep lines from
// before the last restart (and a re-created container keeps its predecessor's files): those are history, shown
// as such, and never raise today's state. Only events inside the window count toward health.
import crypto from 'node:crypto';
import {
  emptySummary,
  type SignatureHit,
  type SignatureSummary,
  type SignatureTally,
} from './scanner';
import type { SignatureId } from './signatures';

export interface LogEvent extends SignatureHit {
  /** The moment in UTC (epoch ms), from the line's own time read in the container's zone; null when unknown. */
  at: number | null;
  /** Same line read again (from the other log file, or after a restart of the console) → same key. */
  key: string;
}

/** The span whose events count toward health: since the service process started, at most `minutes` back. */
export interface EvidenceWindow {
  fromMs: number;
  toMs: number;
  basis: 'service_start' | 'minutes';
  minutes: number;
  /** Start of the service process now running, when known. */
  serviceStartMs: number | null;
}

/** Log times have whole seconds and a process's start is known to a clock tick: a second of slack either way. */
const START_SLACK_MS = 1000;

export function evidenceWindow(
  nowMs: number,
  minutes: number,
  startedMs: number | null,
): EvidenceWindow {
  const serviceStartMs =
    startedMs === null ? null : Math.floor(startedMs / 1000) * 1000 - START_SLACK_MS;
  const byMinutes = nowMs - minutes * 60_000;
  const sinceStart = serviceStartMs !== null && serviceStartMs > byMinutes;
  return {
    fromMs: sinceStart ? serviceStartMs : byMinutes,
    toMs: nowMs,
    basis: sinceStart ? 'service_start' : 'minutes',
    minutes,
    serviceStartMs,
  };
}

/**
 * Whether an event counts toward health now. A stall is a state of a task in the process now running: it counts
 * while that process runs (since its start), however long ago the task went silent.
 */
export function inWindow(e: Pick<LogEvent, 'signature' | 'at'>, w: EvidenceWindow): boolean {
  if (e.at === null) return false;
  if (e.signature === 'stall') return e.at >= (w.serviceStartMs ?? w.fromMs);
  return e.at >= w.fromMs;
}

/** `YYYY-MM-DD HH:MM:SS` written in a zone `offsetS` east of UTC → epoch ms; null when not a time. */
export function localToUtcMs(time: string | null, offsetS: number | null): number | null {
  if (time === null || offsetS === null) return null;
  const ms = Date.parse(`${time.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? ms - offsetS * 1000 : null;
}

/** Epoch ms → `YYYY-MM-DD HH:MM:SS` as a clock `offsetS` east of UTC shows it. */
export function utcToLocal(ms: number, offsetS: number): string {
  return new Date(ms + offsetS * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

export function eventKey(hit: SignatureHit, occurrence: number): string {
  const id = [hit.signature, hit.taskId ?? '', hit.time ?? '', hit.line, String(occurrence)].join(
    '\u0000',
  );
  return crypto.createHash('sha1').update(id).digest('hex').slice(0, 24);
}

export interface TallyWithTimes extends SignatureTally {
  /** Earliest and latest event in UTC (epoch ms), when their zone is known. */
  firstAt: number | null;
  lastAt: number | null;
}

export type TimedSummary = Record<SignatureId, TallyWithTimes>;

const MAX_TASK_IDS = 1000;

export function emptyTimedSummary(): TimedSummary {
  const out = emptySummary() as TimedSummary;
  for (const t of Object.values(out)) Object.assign(t, { firstAt: null, lastAt: null });
  return out;
}

/** Adds one event to a summary (count, task ids, earliest and latest time). */
export function tallyEvent(
  out: TimedSummary,
  e: Pick<LogEvent, 'signature' | 'taskId' | 'time' | 'at'>,
): void {
  const t = out[e.signature];
  t.count++;
  if (e.taskId && t.taskIds.length < MAX_TASK_IDS && !t.taskIds.includes(e.taskId))
    t.taskIds.push(e.taskId);
  if (e.time) {
    if (!t.first || e.time < t.first) t.first = e.time;
    if (!t.last || e.time > t.last) t.last = e.time;
  }
  if (e.at !== null) {
    if (t.firstAt === null || e.at < t.firstAt) t.firstAt = e.at;
    if (t.lastAt === null || e.at > t.lastAt) t.lastAt = e.at;
  }
}

/** The events of one summary kind: in the window (what health reads) and before it (history). */
export function splitByWindow(
  events: Iterable<LogEvent>,
  w: EvidenceWindow,
): { current: TimedSummary; history: TimedSummary } {
  const current = emptyTimedSummary();
  const history = emptyTimedSummary();
  for (const e of events) tallyEvent(inWindow(e, w) ? current : history, e);
  return { current, history };
}

/** Events per signature since `fromMs` (e.g. the last hour): the same count the charts show over that span. */
export function countSince(
  events: Iterable<LogEvent>,
  fromMs: number,
): Record<SignatureId, number> {
  const out = Object.fromEntries(Object.keys(emptySummary()).map((id) => [id, 0])) as Record<
    SignatureId,
    number
  >;
  for (const e of events) if (e.at !== null && e.at >= fromMs) out[e.signature]++;
  return out;
}

/** Whether any signature has events. */
export function anyEvents(s: SignatureSummary): boolean {
  return Object.values(s).some((t) => t.count > 0);
}

export type { SignatureSummary };

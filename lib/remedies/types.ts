import type { Readable } from '@/lib/i18n/text';
import type Dockerode from 'dockerode';
import type { RemedyId } from '@/lib/diagnosis/remedies';
import type { ContainerExecOptions, ExecOptions, ExecResult } from '@/lib/remote';
import type { ConfigChange } from './recreate-spec';
import type { RemedyDefaults } from './settings';

// The one interface every remedy module implements (lib/remedies/<id>.ts): read the container's state and plan
// (no change), run the planned steps, verify the effect, and plan the undo from what apply saved. The jobs engine
// (lib/jobs) runs the steps in order, rolls back completed steps in reverse when one fails, and persists everything.

// Texts are catalog keys with values (lib/i18n/text.ts); a job stored before that reads with both languages inline.
export interface Notice {
  text: Readable;
  /** info: the domain truth (e.g. "no known effect"); warn: think before confirming; block: refused to run. */
  level: 'info' | 'warn' | 'block';
}

export interface Target {
  hostId: string;
  /** Container name (stable across the shm re-creation, unlike the id). */
  container: string;
}

/** A file edit as the preview shows it: the unified diff of the whole file. */
export interface FileDiff {
  path: string;
  unified: string;
}

/** What one step will do, exactly: shown in the preview, stored with the job. */
export interface StepDescription {
  id: string;
  title: Readable;
  /** container: Docker exec in the container; host: SSH exec on the host; docker: Engine API calls. */
  where: 'container' | 'host' | 'docker';
  /** The exact argv (container/host), or for Docker API steps the requests as "METHOD /path" lines. */
  argv?: string[];
  diff?: FileDiff;
  changes?: ConfigChange[];
  timeoutMs: number;
  /** Runs detached in the container: a dropped connection neither stops it nor hides its outcome. */
  durable?: boolean;
}

export interface RemedyContext {
  target: Target;
  /** Aborted on cancel or on the job's timeout; pass it on to every remote call. */
  signal: AbortSignal;
  /** One line of the job's live log. */
  log(line: string): void;
  /**
   * argv inside the container (Docker exec API, no shell); output goes to the job log as it arrives. `durable`: the
   * command runs detached and is followed through files in the container, so a dropped connection does not stop it
   * (for long steps whose half-done state is the worst outcome: pip).
   */
  inContainer(
    argv: string[],
    opts?: ContainerExecOptions & { durable?: boolean },
  ): Promise<ExecResult>;
  /** argv on the host over its pooled SSH connection; output goes to the job log as it arrives. */
  onHost(argv: string[], opts?: ExecOptions): Promise<ExecResult>;
  /** The host's Docker engine over the same connection. */
  docker(opts?: { timeoutMs?: number }): Promise<Dockerode>;
  /** The same context with a signal that is never aborted: for rollback, which must finish even after a cancel. */
  detached(): RemedyContext;
  /** The same context under another abort signal (the engine gives each step its own, for its timeout). */
  withSignal(signal: AbortSignal): RemedyContext;
}

export interface RunnableStep extends StepDescription {
  run(ctx: RemedyContext): Promise<void>;
  /** Puts back what `run` changed; the engine calls it, in reverse order, when a later step fails. */
  rollback?(ctx: RemedyContext): Promise<void>;
}

export interface Plan {
  remedy: RemedyId;
  mode: 'apply' | 'undo';
  target: Target;
  /** The validated parameters (after defaults). */
  params: Record<string, unknown>;
  /** The state now and the state wanted, in one line each (e.g. "onnxruntime-gpu 1.18.0" → "1.16.0"). */
  current: Readable;
  wanted: Readable;
  /** The change already holds: nothing to run (steps is empty). */
  alreadyApplied: boolean;
  /** Takes effect only once the service is restarted (the runbook restarts once at the end). */
  needsRestart: boolean;
  steps: StepDescription[];
  notices: Notice[];
  /** What apply saves so that a later undo can put it back (JSON). Null for undo plans and no-op plans. */
  undo: unknown;
}

export interface Prepared {
  plan: Plan;
  steps: RunnableStep[];
}

export interface Verification {
  ok: boolean;
  detail: Readable;
}

export interface Remedy<P extends Record<string, unknown> = Record<string, unknown>> {
  id: RemedyId;
  /**
   * Validates raw options (form, CLI, runbook) against allow-lists and fills defaults from settings.
   * Throws ValidationError (lib/errors) naming the field and the rule; nothing remote happens before.
   */
  params(raw: Record<string, unknown>, defaults: RemedyDefaults): P;
  /** Reads the container's state and plans the change. Reads only: no step runs here. */
  prepare(ctx: RemedyContext, params: P, defaults: RemedyDefaults): Promise<Prepared>;
  /** Plans putting back the state saved in `undo` by an earlier apply of this remedy. */
  prepareUndo(ctx: RemedyContext, undo: unknown): Promise<Prepared>;
  /** Checks the effect after apply (or undo) of `plan`. */
  verify(ctx: RemedyContext, plan: Plan): Promise<Verification>;
}

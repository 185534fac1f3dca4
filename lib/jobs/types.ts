import type { Readable } from '@/lib/i18n/text';
import type { Notice, Plan, StepDescription, Verification } from '@/lib/remedies/types';
import type { JobTests } from './job-tests';
import type { ServiceNow } from './service-now';

export type JobKind = 'remedy' | 'undo' | 'runbook';
export type JobStatus =
  | 'running'
  | 'succeeded'
  | 'already_applied'
  | 'failed'
  | 'cancelled'
  | 'timed_out'
  | 'interrupted';
export const FINISHED: readonly JobStatus[] = [
  'succeeded',
  'already_applied',
  'failed',
  'cancelled',
  'timed_out',
  'interrupted',
];

/** What a job will do: one remedy (one part) or a runbook (several, run in order under one lock). */
export interface JobPlan {
  name: string;
  title: Readable;
  parts: Plan[];
  /** Every part's steps in run order, each tagged with its part. */
  steps: (StepDescription & { part: number })[];
  notices: Notice[];
  /** Hash of what the operator was shown; a run confirms it so that a changed state is re-previewed, not run blind. */
  hash: string;
}

export interface JobResult {
  verifications: (Verification & { remedy: string })[];
  /** After a failure: whether the completed steps were rolled back, and what the operator should do now. */
  rolledBack?: boolean;
  restoreHint?: Readable;
  /** The runbook's test runs before and after, when the operator asked for them. */
  tests?: JobTests;
  /** After a job that did not succeed: is the service still up? */
  service?: ServiceNow;
  /** After an interruption: what the host showed (lib/jobs/host-check.ts). */
  hostCheck?: HostCheck;
  /** The original container the shm re-creation kept, removed at an operator's request (lib/jobs/kept-original.ts). */
  discardedOriginal?: { name: string; id: string; at: string; by: string; alreadyGone: boolean };
}

export interface HostCheck {
  at: string;
  /** The step under way when the console stopped, read back from the host (only steps that run durably). */
  step: {
    index: number;
    title: Readable;
    state: 'exited' | 'running' | 'gone' | 'not_started';
    code?: number;
    outcome: Readable;
  } | null;
  /** Each applied part's state now, as its remedy reads it. */
  parts: { remedy: string; current: Readable; applied: boolean }[];
  service?: ServiceNow;
  error?: string;
}

export interface JobView {
  id: string;
  kind: JobKind;
  remedy: string;
  hostId: string;
  hostName: string;
  container: string;
  params: Record<string, unknown>;
  plan: JobPlan | null;
  status: JobStatus;
  stepCount: number;
  stepsDone: number;
  result: JobResult | null;
  error: string | null;
  /** An earlier apply saved what undo needs, and no undo of this job has succeeded yet. */
  undoable: boolean;
  /** The original container kept stopped by the shm re-creation, until it is discarded or the job undone. */
  keptOriginal: { name: string; id: string } | null;
  undoOf: string | null;
  actor: { id: string | null; name: string; via: string };
  createdAt: string;
  finishedAt: string | null;
}

export interface JobEvent {
  id: number;
  at: string;
  /** remote: a durable command's handle (JSON), for reconciling the step after a console restart. */
  type: 'status' | 'step' | 'log' | 'verify' | 'remote';
  step: number | null;
  text: string;
}

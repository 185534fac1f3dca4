import type { Generated } from 'kysely';

// Table shapes as Kysely sees them. Times are ISO-8601 UTC strings and JSON columns are text so that
// the same queries run unchanged on PostgreSQL later.

export interface MetaTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  created_at: string;
  /** Set while the user is disabled: sign-in refused, no session valid. */
  disabled_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string;
  via: string;
  ip: string | null;
  action: string;
  target: string | null;
  args: string | null;
  result: string;
  error: string | null;
  prev_hash: string;
  hash: string;
}

export interface HostsTable {
  id: string;
  name: string;
  address: string;
  port: number;
  user: string;
  docker_socket: string;
  groups: string;
  private_key_enc: string | null;
  pinned_fingerprint: string | null;
  seen_fingerprint: string | null;
  seen_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

/** lib/health/samples.ts: `id` = series * 2^32 + unix seconds; health 0 healthy, 1 degraded, 2 blocking, null when no probe ran in the bucket (only log hits dated there). */
export interface HealthSeriesTable {
  id: Generated<number>;
  host_id: string;
  container: string;
}

export interface HealthSampleTable {
  id: number;
  health: number | null;
  gpu_util: number | null;
  gpu_util_max: number | null;
  gpu_mem_mib: number | null;
  queue_full: number;
  hits: number;
  rounds: number;
}

/** lib/health/samples.ts: log events already counted into a series' samples (unix seconds `at`). */
export interface HealthEventsTable {
  series: number;
  key: string;
  signature: string;
  at: number;
}

export interface JobsTable {
  id: string;
  /** remedy | undo | runbook */
  kind: string;
  /** Remedy id, or the runbook's name. */
  remedy: string;
  host_id: string;
  host_name: string;
  container: string;
  params: string;
  plan: string | null;
  /** running | succeeded | already_applied | failed | cancelled | timed_out | interrupted */
  status: string;
  step_count: number;
  steps_done: number;
  result: string | null;
  error: string | null;
  undo: string | null;
  undo_of: string | null;
  lock_token: number | null;
  /** `<hostname>:<pid>` of the console process running it (to tell a crashed runner from a live one). */
  owner: string;
  /** Set by a cancel from any process; the runner's heartbeat sees it. */
  cancel_requested: Generated<number>;
  actor_id: string | null;
  actor_name: string;
  via: string;
  created_at: string;
  finished_at: string | null;
}

export interface JobEventsTable {
  id: Generated<number>;
  job_id: string;
  at: string;
  /** status | step | log | verify */
  type: string;
  step: number | null;
  text: string;
}

export interface JobBatchesTable {
  id: string;
  name: string;
  params: string;
  /** JSON [{hostId, container}] in run order; the first is the canary. */
  targets: string;
  parallel: number;
  /** running | succeeded | stopped | interrupted */
  status: string;
  /** JSON BatchSummary */
  summary: string;
  owner: string;
  actor_name: string;
  created_at: string;
  finished_at: string | null;
}

export interface ContainerLocksTable {
  host_id: string;
  container: string;
  job_id: string | null;
  token: number;
  /** Unix ms. */
  expires_at: number;
}

/** lib/throughput: one stored test input (audio or video), checked by content. */
export interface ThroughputInputTable {
  id: string;
  kind: string;
  format: string;
  name: string;
  size: number;
  builtin: number;
  created_at: string;
}

/** lib/throughput: one test run; `detail` is the JSON of RunDetail (jobs, GPU samples, signatures, state). */
export interface ThroughputRunTable {
  id: string;
  host_id: string;
  container: string;
  status: string;
  actor: string;
  audio_id: string;
  video_id: string;
  jobs: number;
  concurrency: number;
  started_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  error: string | null;
  detail: string;
  /** The runbook job that ran this test before or after its steps, under its lock. */
  job_id: string | null;
}

/** Sign-in failure counters and locks; '' in username or address means "any". */
export interface LoginLimitsTable {
  username: string;
  address: string;
  failures: number;
  unknown_name: Generated<number>;
  window_start: string;
  locked_until: string | null;
  updated_at: string;
}

export interface Database {
  meta: MetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditTable;
  hosts: HostsTable;
  settings: SettingsTable;
  health_series: HealthSeriesTable;
  health_samples: HealthSampleTable;
  health_hourly: HealthSampleTable;
  health_events: HealthEventsTable;
  jobs: JobsTable;
  job_events: JobEventsTable;
  container_locks: ContainerLocksTable;
  job_batches: JobBatchesTable;
  throughput_inputs: ThroughputInputTable;
  throughput_runs: ThroughputRunTable;
  login_limits: LoginLimitsTable;
}

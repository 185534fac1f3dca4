import { z } from 'zod';
import type { Actor } from '@/lib/auth/types';
import { readSetting, writeSetting } from '@/lib/settings/store';
import { byteSize, indexUrl, packageVersion, type ValueProblem } from '@/lib/validate/values';

// Admin-kept defaults of the remedies (settings key `remedies`). Operators may override the per-run values
// (version, index URL, sizes) within the same allow-lists; only admins change these defaults.

const GiB = 1024 ** 3;
/** A validator's problem as a zod issue that keeps its catalog code (lib/web/errors.ts reads `params.rule`). */
const customIssue = (p: ValueProblem) => ({
  code: 'custom' as const,
  message: p.rule,
  params: { rule: p.code, ...p.params },
});
const checked = <T>(
  r: { ok: true; value: T } | { ok: false; problem: ValueProblem },
  ctx: z.RefinementCtx,
): T | typeof z.NEVER => {
  if (r.ok) return r.value;
  ctx.addIssue(customIssue(r.problem));
  return z.NEVER;
};

// Rule sentences name the bound in the units the settings page shows, so the error under a field is readable.
const whole = (min: number, max: number, lo = String(min), hi = String(max)) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a number') })
    .int('must be a whole number')
    .min(min, `must be at least ${lo}`)
    .max(max, `must be at most ${hi}`);

const hostName = z
  .string()
  .regex(/^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/, 'must be a host name or host:port');

export const remedyDefaultsSchema = z
  .object({
    ortVersion: z.string().transform((v, ctx) => checked(packageVersion('ortVersion', v), ctx)),
    /** null: pip's own configured index (the env's pip.conf). */
    indexUrl: z.string().nullable(),
    allowedIndexHosts: z.array(hostName).max(50, 'at most 50 hosts'),
    /** What to do when the target version cannot load CUDA with the container's CUDA/cuDNN. */
    compatPolicy: z.enum(['warn', 'block']),
    shmSizeBytes: whole(64 * 1024 ** 2, 64 * GiB, '64m', '64g'),
    batchSize: whole(1, 64),
    sessionOptions: z.object({
      intraOpNumThreads: whole(0, 256),
      interOpNumThreads: whole(0, 256),
      executionMode: z.enum(['ORT_SEQUENTIAL', 'ORT_PARALLEL']),
      deviceId: whole(0, 15),
      arenaExtendStrategy: z.enum(['kNextPowerOfTwo', 'kSameAsRequested']),
      gpuMemLimitBytes: whole(256 * 1024 ** 2, 256 * GiB, '256m', '256g'),
      doCopyInDefaultStream: z.boolean(),
    }),
    /** Seconds between TERM and KILL when the service is stopped. */
    stopTimeoutS: whole(1, 300),
    /** Seconds to wait for the web port after a start. */
    startTimeoutS: whole(5, 900),
    /** Seconds each pip step (download, install) may take before it is stopped and rolled back (slow mirrors). */
    pipTimeoutS: whole(10, 3600).default(600),
  })
  .superRefine((v, ctx) => {
    if (v.indexUrl !== null) {
      const r = indexUrl('indexUrl', v.indexUrl, v.allowedIndexHosts);
      if (!r.ok) ctx.addIssue({ ...customIssue(r.problem), path: ['indexUrl'] });
    }
  });

export type RemedyDefaults = z.infer<typeof remedyDefaultsSchema>;

export const DEFAULT_REMEDY_DEFAULTS: RemedyDefaults = {
  ortVersion: '1.16.0',
  indexUrl: null,
  allowedIndexHosts: ['pypi.org', 'mirrors.aliyun.com', 'pypi.tuna.tsinghua.edu.cn'],
  compatPolicy: 'warn',
  shmSizeBytes: 2 * GiB,
  batchSize: 1,
  sessionOptions: {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'ORT_SEQUENTIAL',
    deviceId: 0,
    arenaExtendStrategy: 'kSameAsRequested',
    gpuMemLimitBytes: 4 * GiB,
    doCopyInDefaultStream: true,
  },
  stopTimeoutS: 20,
  startTimeoutS: 120,
  pipTimeoutS: 600,
};

const KEY = 'remedies';

export function getRemedyDefaults(): Promise<RemedyDefaults> {
  return readSetting(KEY, remedyDefaultsSchema, DEFAULT_REMEDY_DEFAULTS);
}

export function setRemedyDefaults(actor: Actor, value: unknown): Promise<RemedyDefaults> {
  return writeSetting(actor, KEY, remedyDefaultsSchema, value);
}

/** Parses a size given per run ("2g", 2147483648) within the same bounds as the default. */
export function shmSizeParam(raw: unknown): ReturnType<typeof byteSize> {
  return byteSize('size', raw, 64 * 1024 ** 2, 64 * GiB);
}

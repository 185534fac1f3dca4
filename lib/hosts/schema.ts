import net from 'node:net';
import { z } from 'zod';
import { privateKeyProblem } from './keys';

// Host fields are validated against allow-lists here because they later reach ssh connections and
// file paths on the host; quoting is never the only defence.

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const HOSTNAME_RE =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const SOCKET_RE = /^\/[A-Za-z0-9._/-]+$/;
const GROUP_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
export const FINGERPRINT_RE = /^SHA256:[A-Za-z0-9+/]{43}$/;

export const hostNameSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(
    NAME_RE,
    'may contain only letters, digits, "_", "." and "-", starting with a letter or digit',
  );

const addressSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .refine(
    (a) => net.isIP(a) !== 0 || HOSTNAME_RE.test(a),
    'must be a hostname or an IPv4/IPv6 address (letters, digits, "." and "-" only)',
  );

const portSchema = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const groupsSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[,\s]+/).filter((g) => g.length > 0) : (v ?? [])),
  z
    .array(
      z
        .string()
        .max(32, 'each group must be at most 32 characters')
        .regex(GROUP_RE, 'each group may contain only letters, digits, "_", ".", ":" and "-"'),
    )
    .max(20, 'at most 20 groups'),
);

export const hostInputSchema = z.object({
  name: hostNameSchema,
  address: addressSchema,
  port: z.preprocess((v) => (v === '' || v === undefined || v === null ? 22 : v), portSchema),
  user: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'must not be empty')
    .max(32, 'must be at most 32 characters')
    .regex(
      USER_RE,
      'must be a Unix user name (letters, digits, "_", "." and "-", not starting with a digit or "-")',
    ),
  privateKey: z
    .string()
    .max(16_384, 'must be at most 16384 characters')
    .optional()
    .transform((k) => (k === undefined || k.trim() === '' ? undefined : k))
    .superRefine((k, ctx) => {
      const problem = k === undefined ? null : privateKeyProblem(k);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  dockerSocket: z
    .string()
    .trim()
    .max(256, 'must be at most 256 characters')
    .optional()
    .transform((s) => (s === undefined || s === '' ? '/var/run/docker.sock' : s))
    .refine(
      (s) => SOCKET_RE.test(s) && !s.split('/').includes('..'),
      'must be an absolute path of letters, digits, "_", ".", "-" and "/" without ".."',
    ),
  groups: groupsSchema,
});

/** What a form or the CLI hands in; strings are accepted where forms produce them (port, groups as "a, b"). */
export interface HostInput {
  name: string;
  address: string;
  port?: number | string;
  user: string;
  /** Optional on edit: the stored key is kept when absent or empty. */
  privateKey?: string;
  dockerSocket?: string;
  groups?: string[] | string;
}
export type ParsedHostInput = z.output<typeof hostInputSchema>;

export const fingerprintSchema = z
  .string({ error: 'is required' })
  .trim()
  .regex(
    FINGERPRINT_RE,
    'must look like SHA256: followed by 43 base64 characters (as ssh-keygen -lf prints)',
  );

// Who may scrape /api/metrics: a signed-in viewer (checked by the route), or a Prometheus server presenting
// `Authorization: Bearer <token>` where the token is CONSOLE_METRICS_TOKEN or the one an admin set in the settings
// (stored as its SHA-256 only). Prometheus cannot sign in, so the token is the way for scrapers.
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/types';
import { readSetting, writeSetting } from '@/lib/settings/store';

const SETTING = 'metrics.token_sha256';
const hex = z.string().regex(/^[0-9a-f]{64}$/);
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function bearerAllowed(authorization: string | null): Promise<boolean> {
  const m = /^Bearer ([\x21-\x7e]{16,200})$/.exec(authorization ?? '');
  if (!m) return false;
  const given = sha256(m[1]!);
  const env = process.env.CONSOLE_METRICS_TOKEN;
  if (env && env.length >= 16 && equal(given, sha256(env))) return true;
  const stored = await readSetting(SETTING, hex.nullable(), null);
  return stored !== null && equal(given, stored);
}

/** Admin only (writeSetting checks and audits); null removes the token. */
export async function setMetricsToken(actor: Actor, token: string | null): Promise<void> {
  if (token !== null && !/^[\x21-\x7e]{16,200}$/.test(token))
    throw new Error('a metrics token is 16 to 200 printable ASCII characters without spaces');
  await writeSetting(actor, SETTING, hex.nullable(), token === null ? null : sha256(token));
}

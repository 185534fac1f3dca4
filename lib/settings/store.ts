import type { z } from 'zod';
import { audited } from '@/lib/auth/audited';
import { fromZodIssues } from '../errors';
import type { Actor } from '../auth/types';
import { getDb, nowIso } from '../store/db';

// Admin-editable defaults, one JSON value per key, each validated by its own schema on read and write.

export async function readSetting<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await getDb()
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  // A value written by a newer console or by hand that no longer validates falls back instead of breaking pages.
  return parsed.success ? parsed.data : fallback;
}

export async function writeSetting<T>(
  actor: Actor,
  key: string,
  schema: z.ZodType<T>,
  value: unknown,
): Promise<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const data = parsed.data;
  return audited(actor, 'admin', 'settings.update', key, data, async () => {
    const now = nowIso();
    await getDb()
      .insertInto('settings')
      .values({ key, value: JSON.stringify(data), updated_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify(data), updated_at: now }),
      )
      .execute();
    return data;
  });
}

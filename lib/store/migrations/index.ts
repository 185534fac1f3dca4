import { m001 } from './001_core';
import { m002 } from './002_hosts';
import { m020 } from './020_health';
import { m040 } from './040_jobs';
import { m050 } from './050_throughput';
import { m060 } from './060_login_limits';
import { m070 } from './070_health_events';
import { m080 } from './080_user_lifecycle';
import type { Migration } from './types';

/** In version order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [m001, m002, m020, m040, m050, m060, m070, m080];

export const latestSchemaVersion = (): number => migrations[migrations.length - 1]?.version ?? 0;

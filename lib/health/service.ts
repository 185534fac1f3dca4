// What the health routes, pages and the CLI ask of lib/health. Reading any of it starts the process's scheduler.
import { NotFoundError, ValidationError } from '@/lib/errors';
import { getHost, listHosts } from '@/lib/hosts/service';
import type { ContainerReport } from '@/lib/probes/container';
import { HOUR, MINUTE, type Bucket } from './fold';
import { readLogTail, LOG_SOURCES, type LogSource, type LogTail } from './logs';
import {
  buildOverview,
  healthRow,
  type ContainerHealthRow,
  type HealthOverview,
  type HostHealthRow,
} from './overview';
import { countEvents, querySamples } from './samples';
import { HealthScheduler, healthScheduler } from './scheduler';

export async function getHealthOverview(): Promise<HealthOverview> {
  const s = healthScheduler();
  return buildOverview(await listHosts(), s.reports.values(), s.hosts, s.intervalMs);
}

export interface ContainerHealthDetail {
  host: HostHealthRow;
  row: ContainerHealthRow;
  report: ContainerReport;
  intervalMs: number;
}

const HOST_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The latest report of a container the scheduler probed; unknown host or name → not found (no remote call). */
async function known(
  hostId: string,
  name: string,
): Promise<{ report: ContainerReport; detail: ContainerHealthDetail }> {
  if (!HOST_ID.test(hostId) || !NAME.test(name))
    throw new NotFoundError(`container ${hostId}/${name}`);
  const s = healthScheduler();
  const host = await getHost(hostId);
  const report = host ? s.reports.get(HealthScheduler.key(hostId, name)) : undefined;
  if (!host || !report) throw new NotFoundError(`container ${name} on host ${hostId}`);
  const st = s.hosts.get(hostId);
  const hostRow: HostHealthRow = {
    id: host.id,
    name: host.name,
    groups: host.groups,
    ok: st ? st.ok : null,
    ...(st?.error ? { error: st.error } : {}),
    at: st?.at ?? null,
    elapsedMs: st?.elapsedMs ?? null,
  };
  return {
    report,
    detail: {
      host: hostRow,
      row: healthRow(report, host, st?.ok === false),
      report,
      intervalMs: s.intervalMs,
    },
  };
}

export async function getContainerHealth(
  hostId: string,
  name: string,
): Promise<ContainerHealthDetail> {
  return (await known(hostId, name)).detail;
}

export const RANGES = {
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 86_400,
  '7d': 7 * 86_400,
  '30d': 30 * 86_400,
} as const;
export type SeriesRange = keyof typeof RANGES;

export interface ContainerSeries {
  range: SeriesRange;
  fromS: number;
  toS: number;
  stepS: number;
  points: Bucket[];
  /** Queue-full events over the range: the sum of the bars, so caption and chart agree. */
  queueFullTotal: number;
  /** Events per signature stored since the start of the container's health window (what its findings count). */
  windowEvents: Record<string, number>;
  windowFromMs: number;
}

export async function getContainerSeries(
  hostId: string,
  name: string,
  range: string,
): Promise<ContainerSeries> {
  if (!Object.hasOwn(RANGES, range))
    throw new ValidationError([
      { field: 'range', message: `one of ${Object.keys(RANGES).join(', ')}` },
    ]);
  const { report } = await known(hostId, name);
  const span = RANGES[range as SeriesRange];
  const toS = Math.floor(Date.now() / 1000);
  // Minutes up to a day (at most 1440 points), hours beyond; the range starts on a step, so a bar is all in or out.
  const stepS = span > 86_400 ? HOUR : MINUTE;
  const fromS = Math.floor((toS - span) / stepS) * stepS;
  const [points, windowEvents] = await Promise.all([
    querySamples({ hostId, container: name, fromS, toS, stepS }),
    countEvents(hostId, name, Math.ceil(report.window.fromMs / 1000)),
  ]);
  const queueFullTotal = points.reduce((n, p) => n + p.queueFull, 0);
  return {
    range: range as SeriesRange,
    fromS,
    toS,
    stepS,
    points,
    queueFullTotal,
    windowEvents,
    windowFromMs: report.window.fromMs,
  };
}

export async function getContainerLogs(
  hostId: string,
  name: string,
  source: string,
  lines: number,
): Promise<LogTail> {
  if (!(LOG_SOURCES as readonly string[]).includes(source))
    throw new ValidationError([{ field: 'source', message: `one of ${LOG_SOURCES.join(', ')}` }]);
  if (!Number.isInteger(lines) || lines < 1 || lines > 2000)
    throw new ValidationError([{ field: 'lines', message: 'an integer from 1 to 2000' }]);
  const { report } = await known(hostId, name);
  return readLogTail(hostId, report.container.id, source as LogSource, lines);
}

/**
 * Checks a live-log request and names the container the console's own probe found (never an id from the request).
 * The follower itself runs in lib/health/log-follow.ts.
 */
export async function logToFollow(
  hostId: string,
  name: string,
  source: string,
  lines: number,
): Promise<{ containerId: string; source: LogSource; lines: number }> {
  if (!(LOG_SOURCES as readonly string[]).includes(source))
    throw new ValidationError([{ field: 'source', message: `one of ${LOG_SOURCES.join(', ')}` }]);
  if (!Number.isInteger(lines) || lines < 1 || lines > 2000)
    throw new ValidationError([{ field: 'lines', message: 'an integer from 1 to 2000' }]);
  const { report } = await known(hostId, name);
  return { containerId: report.container.id, source: source as LogSource, lines };
}

// The form's text ⇄ the stored defaults, without React (unit-tested). The server's schema is the only judge of a
// value: text that is not a number is sent as it is, so the rule under the field is the server's own.

export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;
export type SizeUnit = 'MiB' | 'GiB';
export const SIZE_UNITS: Record<SizeUnit, number> = { MiB, GiB };

export const SESSION_KEYS = [
  'intraOpNumThreads',
  'interOpNumThreads',
  'executionMode',
  'deviceId',
  'arenaExtendStrategy',
  'gpuMemLimitBytes',
  'doCopyInDefaultStream',
] as const;
export const TOP_KEYS = [
  'ortVersion',
  'indexUrl',
  'allowedIndexHosts',
  'compatPolicy',
  'shmSizeBytes',
  'batchSize',
  'stopTimeoutS',
  'startTimeoutS',
  'pipTimeoutS',
] as const;

/** A size as the inputs show it: whole GiB when it is one, MiB otherwise. */
export function toSize(bytes: number): { amount: string; unit: SizeUnit } {
  return bytes % GiB === 0
    ? { amount: String(bytes / GiB), unit: 'GiB' }
    : { amount: String(bytes / MiB), unit: 'MiB' };
}

/** Bytes for "1.5" GiB; the text itself when it is no number (the server names the rule). */
export function fromSize(amount: string, unit: string): number | string {
  const n = numberOr(amount);
  return typeof n === 'number' ? Math.round(n * (SIZE_UNITS[unit as SizeUnit] ?? 1)) : n;
}

function numberOr(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) ? n : text;
}

export function hostsText(hosts: readonly string[]): string {
  return hosts.join('\n');
}

/** One host per line; blank lines and surrounding spaces are not hosts. */
export function hostsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Reads the form (input names as in defaults-fields.tsx) into the PUT body. */
export function readDefaults(
  text: (name: string) => string,
  checked: (name: string) => boolean,
): unknown {
  const so = (k: string) => `sessionOptions.${k}`;
  const url = text('indexUrl').trim();
  return {
    ortVersion: text('ortVersion').trim(),
    indexUrl: url === '' ? null : url,
    allowedIndexHosts: hostsOf(text('allowedIndexHosts')),
    compatPolicy: text('compatPolicy'),
    shmSizeBytes: fromSize(text('shmSizeBytes'), text('shmSizeUnit')),
    batchSize: numberOr(text('batchSize')),
    sessionOptions: {
      intraOpNumThreads: numberOr(text(so('intraOpNumThreads'))),
      interOpNumThreads: numberOr(text(so('interOpNumThreads'))),
      executionMode: text(so('executionMode')),
      deviceId: numberOr(text(so('deviceId'))),
      arenaExtendStrategy: text(so('arenaExtendStrategy')),
      gpuMemLimitBytes: fromSize(text(so('gpuMemLimitBytes')), text('gpuMemLimitUnit')),
      doCopyInDefaultStream: checked(so('doCopyInDefaultStream')),
    },
    stopTimeoutS: numberOr(text('stopTimeoutS')),
    startTimeoutS: numberOr(text('startTimeoutS')),
    pipTimeoutS: numberOr(text('pipTimeoutS')),
  };
}

/**
 * The input a server field path belongs to: `sessionOptions.deviceId` → that input, `allowedIndexHosts.3` → the
 * hosts box with its 1-based line; null for paths the form has no input for (shown in the notice instead).
 */
export function inputOf(path: string): { name: string; line?: number } | null {
  const [head = '', second, ...rest] = path.split('.');
  if (
    rest.length === 0 &&
    head === 'sessionOptions' &&
    (SESSION_KEYS as readonly string[]).includes(second ?? '')
  )
    return { name: path };
  if (head === 'allowedIndexHosts')
    return second !== undefined && /^\d+$/.test(second)
      ? { name: head, line: Number(second) + 1 }
      : { name: head };
  if (second === undefined && (TOP_KEYS as readonly string[]).includes(head)) return { name: head };
  return null;
}

// Allow-list validators for every value that can reach a remote command (versions, names, URLs, numbers).
// Values are checked here and refused, never "made safe" by quoting alone: the caller gets the field and the rule.
export interface ValueProblem {
  field: string;
  /** The rule in English (CLI, logs, API clients). */
  rule: string;
  /** The rule's key in the UI catalogs (`validation.<code>`), with its values: the browser says it in its language. */
  code: RuleCode;
  params?: Record<string, string | number>;
}

export type RuleCode =
  | 'required'
  | 'control_chars'
  | 'too_big_string'
  | 'pep440_version'
  | 'container_name'
  | 'whole_number_range'
  | 'number_range'
  | 'spaces_or_control'
  | 'absolute_url'
  | 'url_scheme'
  | 'url_credentials'
  | 'url_query'
  | 'url_path_chars'
  | 'index_host_not_allowed'
  | 'size_format'
  | 'size_range'
  | 'boolean';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: ValueProblem };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(
  field: string,
  rule: string,
  code: RuleCode,
  params?: Record<string, string | number>,
): Checked<T> => ({
  ok: false,
  problem: { field, rule, code, ...(params ? { params } : {}) },
});

// Control characters (NUL, newline, ...) are refused everywhere before any other rule is applied.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

// A release of PEP 440's public version scheme, without local versions (`+...`) which no mirror serves.
const PEP440 =
  /^(?:[1-9]\d*!)?(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*)){0,3}(?:(?:a|b|rc)(?:0|[1-9]\d*))?(?:\.post(?:0|[1-9]\d*))?(?:\.dev(?:0|[1-9]\d*))?$/;

export function packageVersion(field: string, raw: unknown): Checked<string> {
  if (typeof raw !== 'string' || raw.length === 0) return bad(field, 'is required', 'required');
  if (CONTROL.test(raw)) return bad(field, 'must not contain control characters', 'control_chars');
  if (raw.length > 32)
    return bad(field, 'must be at most 32 characters', 'too_big_string', { maximum: 32 });
  if (!PEP440.test(raw))
    return bad(field, 'must be a PEP 440 release version such as 1.16.0', 'pep440_version');
  return ok(raw);
}

// Docker's own rule for container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (so never a leading '-').
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
const CONTAINER_ID = /^[0-9a-f]{12,64}$/;

export function containerRef(field: string, raw: unknown): Checked<string> {
  if (typeof raw !== 'string' || raw.length === 0) return bad(field, 'is required', 'required');
  if (CONTROL.test(raw)) return bad(field, 'must not contain control characters', 'control_chars');
  if (!CONTAINER_NAME.test(raw) && !CONTAINER_ID.test(raw)) {
    return bad(
      field,
      'must be a Docker container name ([a-zA-Z0-9][a-zA-Z0-9_.-]*, at most 128) or id',
      'container_name',
    );
  }
  return ok(raw);
}

export function integerInRange(
  field: string,
  raw: unknown,
  min: number,
  max: number,
): Checked<number> {
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^-?\d{1,10}$/.test(raw.trim())
        ? Number(raw)
        : NaN;
  if (!Number.isInteger(n))
    return bad(field, `must be a whole number from ${min} to ${max}`, 'whole_number_range', {
      min,
      max,
    });
  if (n < min || n > max)
    return bad(field, `must be from ${min} to ${max}`, 'number_range', { min, max });
  return ok(n);
}

/**
 * A package index URL: http or https only, no credentials, no query or fragment, a host on the admin-kept list.
 * `allowedHosts` entries are host names or `host:port`; an empty list allows none.
 */
export function indexUrl(
  field: string,
  raw: unknown,
  allowedHosts: readonly string[],
): Checked<string> {
  if (typeof raw !== 'string' || raw.length === 0) return bad(field, 'is required', 'required');
  if (CONTROL.test(raw) || /\s/.test(raw))
    return bad(field, 'must not contain spaces or control characters', 'spaces_or_control');
  if (raw.length > 512)
    return bad(field, 'must be at most 512 characters', 'too_big_string', { maximum: 512 });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad(field, 'must be an absolute http(s) URL', 'absolute_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return bad(field, 'must use http or https', 'url_scheme');
  if (url.username || url.password)
    return bad(field, 'must not carry credentials (keep them in settings)', 'url_credentials');
  if (url.search || url.hash) return bad(field, 'must not have a query or fragment', 'url_query');
  if (!/^[A-Za-z0-9._~/%-]*$/.test(url.pathname))
    return bad(field, 'path may hold only letters, digits and ._~/%-', 'url_path_chars');
  const host = url.host.toLowerCase();
  const allowed = allowedHosts.map((h) => h.toLowerCase());
  if (!allowed.includes(host) && !allowed.includes(url.hostname.toLowerCase())) {
    return bad(
      field,
      `host ${url.hostname} is not on the allowed index hosts list`,
      'index_host_not_allowed',
      {
        host: url.hostname,
      },
    );
  }
  return ok(url.toString());
}

/** Docker-style size such as `2g`, `512m`, `2048MiB` → bytes, within [min, max]. */
export function byteSize(field: string, raw: unknown, min: number, max: number): Checked<number> {
  if (typeof raw === 'number')
    return Number.isInteger(raw) && raw >= min && raw <= max
      ? ok(raw)
      : bad(field, `must be from ${min} to ${max} bytes`, 'size_range', {
          min: formatBytes(min),
          max: formatBytes(max),
        });
  if (typeof raw !== 'string') return bad(field, 'is required', 'required');
  const m = /^(\d{1,6})(?:\s?(b|k|kb|kib|m|mb|mib|g|gb|gib))?$/i.exec(raw.trim());
  if (!m) return bad(field, 'must be a size such as 2g or 512m', 'size_format');
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  const bytes = Number(m[1]) * mult;
  if (bytes < min || bytes > max)
    return bad(field, `must be from ${formatBytes(min)} to ${formatBytes(max)}`, 'size_range', {
      min: formatBytes(min),
      max: formatBytes(max),
    });
  return ok(bytes);
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3}g`;
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2}m`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024}k`;
  return `${n}b`;
}

/** A problem as a ValidationError's field issue: the English rule, and its catalog code and values for the UI. */
export function fieldIssueOf(p: ValueProblem): {
  field: string;
  message: string;
  code: RuleCode;
  params?: Record<string, string | number>;
} {
  return {
    field: p.field,
    message: p.rule,
    code: p.code,
    ...(p.params ? { params: p.params } : {}),
  };
}

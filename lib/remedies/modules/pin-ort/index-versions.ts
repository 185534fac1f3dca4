// Which versions of a package the container's index offers, asked from inside the container (the console may not
// reach the index; the container must), from the index's PEP 503 page for the package: the same index the download
// step will use (the given one, else the one pip is configured with). Not `pip index versions`: its retries make
// an index that never answers cost minutes, and it cannot tell "no such package" from "index unreachable".
import { compareVersions } from '@/lib/diagnosis/compat';
import { ENV_PYTHON } from '@/lib/probes/container';
import { type TextValue, text } from '@/lib/i18n/text';
import type { Notice, RemedyContext } from '../../types';

export type IndexVersions = { ok: true; versions: string[] } | { ok: false; error: string };

/** argv: dist, index URL ('' = pip's configured one). Prints a JSON list of versions; exit 2 with a reason. */
export const LIST_VERSIONS = String.raw`
import html, json, re, subprocess, sys, urllib.error, urllib.request
dist, index = sys.argv[1], sys.argv[2]
if not index:
    out = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True,
                         timeout=20).stdout
    found = dict(re.findall(r"^(?:[\w:]+\.)?(\S*?)index-url='([^']*)'", out, re.M))
    index = found.get("", "https://pypi.org/simple/")
name = re.sub(r"[-_.]+", "-", dist).lower()
url = index.rstrip("/") + "/" + name + "/"
try:
    with urllib.request.urlopen(url, timeout=10) as r:
        body = r.read(8 << 20).decode("utf-8", "replace")
except urllib.error.HTTPError as e:
    if e.code == 404:
        print("[]")
        sys.exit(0)
    sys.stderr.write("%s answered HTTP %d\n" % (url, e.code))
    sys.exit(2)
except Exception as e:
    sys.stderr.write("cannot read %s: %s\n" % (url, getattr(e, "reason", e)))
    sys.exit(2)
pat = re.compile(r"^" + re.escape(name).replace("\\-", "[-_.]+") + r"-(\d[^-]*?)(?:-.+\.whl|\.tar\.gz|\.zip)$", re.I)
versions = set()
for text in re.findall(r"<a\b[^>]*>([^<]*)</a>", body, re.I):
    m = pat.match(html.unescape(text).strip())
    if m:
        versions.add(m.group(1))
print(json.dumps(sorted(versions)))
`;

export function parseIndexVersions(stdout: string): string[] | null {
  try {
    const list: unknown = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
    return Array.isArray(list) && list.every((v) => typeof v === 'string') ? list : null;
  } catch {
    return null;
  }
}

export async function indexVersions(
  ctx: RemedyContext,
  dist: string,
  index: string | null,
  env: Record<string, string>,
): Promise<IndexVersions> {
  const argv = [ENV_PYTHON, '-c', LIST_VERSIONS, dist, index ?? ''];
  try {
    const r = await ctx.inContainer(argv, { env, timeoutMs: 30_000, onOutput: () => undefined });
    const versions = r.code === 0 ? parseIndexVersions(r.stdout) : null;
    if (versions) return { ok: true, versions };
    return {
      ok: false,
      error: (r.stderr.trim().split('\n').at(-1) ?? `exit ${r.code}`).slice(0, 300),
    };
  } catch (err) {
    return { ok: false, error: (err instanceof Error ? err.message : String(err)).slice(0, 300) };
  }
}

/** The versions around `wanted` in version order (the closest ones an operator probably meant). */
export function nearestVersions(wanted: string, versions: string[], n = 5): string[] {
  const sorted = [...new Set(versions)].sort(compareVersions);
  const at = sorted.findIndex((v) => compareVersions(v, wanted) > 0);
  const pos = at === -1 ? sorted.length : at;
  const start = Math.max(0, Math.min(pos - Math.floor(n / 2), sorted.length - n));
  return sorted.slice(start, start + n);
}

/** A version the index does not have is named as missing, before anything else is said about it. */
export function missingVersionNotice(
  dist: string,
  version: string,
  index: TextValue,
  versions: string[],
): Notice {
  const near = nearestVersions(version, versions);
  const list = near.length ? near.join(', ') : '—';
  return {
    level: 'block',
    text: text('remedies.pin-ort.notices.missingVersion', { dist, version, index, versions: list }),
  };
}

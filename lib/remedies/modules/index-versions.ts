// Which versions of a package the container's index offers, asked from inside the container (the console may not
// reach the index; the container must): `pip index versions`, with the same index the download step will use.
import { compareVersions } from '@/lib/diagnosis/compat';
import { ENV_PYTHON } from '@/lib/probes/container';
import type { Notice, RemedyContext } from '../types';

export type IndexVersions = { ok: true; versions: string[] } | { ok: false; error: string };

const LISTED = /^Available versions:\s*(.+)$/m;

export function parseIndexVersions(stdout: string): string[] | null {
  const m = LISTED.exec(stdout);
  return m ? m[1]!.split(',').map((v) => v.trim()).filter(Boolean) : null;
}

export async function indexVersions(ctx: RemedyContext, dist: string, index: string | null, env: Record<string, string>): Promise<IndexVersions> {
  const argv = [ENV_PYTHON, '-m', 'pip', 'index', 'versions', dist, ...(index ? ['--index-url', index] : [])];
  try {
    const r = await ctx.inContainer(argv, { env, timeoutMs: 60_000, onOutput: () => undefined });
    const versions = r.code === 0 ? parseIndexVersions(r.stdout) : null;
    if (versions) return { ok: true, versions };
    // pip says "ERROR: No matching distribution found for X" when the index has no version at all.
    if (/No matching distribution/i.test(r.stderr)) return { ok: true, versions: [] };
    return { ok: false, error: (r.stderr.trim().split('\n').at(-1) ?? `exit ${r.code}`).slice(0, 300) };
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
export function missingVersionNotice(dist: string, version: string, index: { en: string; zh: string }, versions: string[]): Notice {
  const near = nearestVersions(version, versions);
  const list = near.length ? near.join(', ') : '—';
  return {
    level: 'block',
    en: `${dist} ${version} is not on ${index.en}. Versions there nearest to it: ${list}.`,
    zh: `${index.zh}上没有 ${dist} ${version}。该索引上与之最接近的版本：${list}。`,
  };
}

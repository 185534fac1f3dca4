// Which CUDA and cuDNN majors each onnxruntime-gpu release was built against, as data. Source: ONNX Runtime's
// "CUDA Execution Provider → Requirements" tables (CUDA 11.x and CUDA 12.x), summarised in shared/DOMAIN.md:
// 1.15–1.17 need CUDA 11.8 + cuDNN 8; 1.18.1+ CUDA-12 builds and 1.19+ need CUDA 12 + cuDNN 9.
// The package name is the same for every build; only the index it came from differs, so a version alone does not
// always say which build is installed. The session's real providers (probe) are the ground truth.
import * as pep440 from '@renovatebot/pep440';

export interface OrtBuild {
  /** Inclusive lower and exclusive upper bound of the onnxruntime-gpu versions this row covers. */
  from: string;
  below: string | null;
  cudaMajor: number;
  cudnnMajor: number;
  /** 'pypi' for the build `pip install onnxruntime-gpu==V` gets from PyPI; 'feed' for a separate package feed. */
  channel: 'pypi' | 'feed';
}

export const ORT_BUILDS: readonly OrtBuild[] = [
  { from: '1.15.0', below: '1.19.0', cudaMajor: 11, cudnnMajor: 8, channel: 'pypi' },
  { from: '1.17.0', below: '1.18.1', cudaMajor: 12, cudnnMajor: 8, channel: 'feed' },
  { from: '1.18.1', below: '1.19.0', cudaMajor: 12, cudnnMajor: 9, channel: 'feed' },
  { from: '1.19.0', below: null, cudaMajor: 12, cudnnMajor: 9, channel: 'pypi' },
  { from: '1.19.0', below: null, cudaMajor: 11, cudnnMajor: 8, channel: 'feed' },
];

/** The version the remediation procedure pins when the container has CUDA 11 + cuDNN 8. */
export const KNOWN_GOOD: readonly { cudaMajor: number; cudnnMajor: number; version: string }[] = [
  { cudaMajor: 11, cudnnMajor: 8, version: '1.16.0' },
  { cudaMajor: 12, cudnnMajor: 9, version: '1.19.2' },
];

export type CompatVerdict = 'match' | 'feed_build_only' | 'mismatch' | 'unknown';

export interface CompatResult {
  verdict: CompatVerdict;
  /** Builds of this version that would load with the libraries present. */
  matching: OrtBuild[];
  /** Version to pin for the libraries present, when one is known. */
  recommended: string | null;
  /** The build the package itself declares, when it does. */
  installed?: OrtBuild;
}

/**
 * PEP 440 order (what pip uses): `1.18.1rc1` < `1.18.1` < `1.18.1.post1`, `1.18.1.dev0` < `1.18.1rc1`. Strings that
 * are not PEP 440 versions fall back to their numeric parts.
 */
export function compareVersions(a: string, b: string): number {
  if (pep440.valid(a) && pep440.valid(b)) return pep440.compare(a, b);
  const pa = a.split(/[.+-]/).map((p) => Number.parseInt(p, 10));
  const pb = b.split(/[.+-]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < 3; i++) {
    const d = (Number.isNaN(pa[i]!) ? 0 : (pa[i] ?? 0)) - (Number.isNaN(pb[i]!) ? 0 : (pb[i] ?? 0));
    if (d !== 0) return d;
  }
  return 0;
}

export function buildsOf(version: string): OrtBuild[] {
  return ORT_BUILDS.filter(
    (b) =>
      compareVersions(version, b.from) >= 0 &&
      (b.below === null || compareVersions(version, b.below) < 0),
  );
}

/** What the installed package says it was built for (`onnxruntime.capi.build_and_package_info`), when it says. */
export interface InstalledBuild {
  cudaMajor: number | null;
  cudnnMajor: number | null;
}

/**
 * Checks an installed version against the CUDA/cuDNN majors whose libraries the container can load. When the
 * package states its own build, that decides; otherwise the table does.
 */
export function checkOrtCompat(
  version: string | null,
  cudaMajors: number[],
  cudnnMajors: number[],
  installed: InstalledBuild | null = null,
): CompatResult {
  const recommended =
    KNOWN_GOOD.find((k) => cudaMajors.includes(k.cudaMajor) && cudnnMajors.includes(k.cudnnMajor))
      ?.version ?? null;
  if (!version || cudaMajors.length === 0 || cudnnMajors.length === 0)
    return { verdict: 'unknown', matching: [], recommended };
  if (installed?.cudaMajor != null && installed.cudnnMajor != null) {
    const own: OrtBuild = {
      from: version,
      below: null,
      cudaMajor: installed.cudaMajor,
      cudnnMajor: installed.cudnnMajor,
      channel: 'pypi',
    };
    const fits = cudaMajors.includes(own.cudaMajor) && cudnnMajors.includes(own.cudnnMajor);
    return {
      verdict: fits ? 'match' : 'mismatch',
      matching: fits ? [own] : [],
      recommended,
      installed: own,
    };
  }
  const builds = buildsOf(version);
  if (builds.length === 0) return { verdict: 'unknown', matching: [], recommended };
  const matching = builds.filter(
    (b) => cudaMajors.includes(b.cudaMajor) && cudnnMajors.includes(b.cudnnMajor),
  );
  const verdict: CompatVerdict = matching.some((b) => b.channel === 'pypi')
    ? 'match'
    : matching.length > 0
      ? 'feed_build_only'
      : 'mismatch';
  return { verdict, matching, recommended };
}

// A unified diff of two texts (line based) for the preview of every file a remedy edits. Files here are small
// (config.ini, the head of app.py, a compose file); past the size bound the diff shows the whole file replaced.

const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

function ops(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS)
    return [
      ...a.map((line) => ({ kind: '-' as const, line })),
      ...b.map((line) => ({ kind: '+' as const, line })),
    ];
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: ' ', line: a[i]! });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ kind: '-', line: a[i++]! });
    } else {
      out.push({ kind: '+', line: b[j++]! });
    }
  }
  return out;
}

/** `--- a/path`, `+++ b/path` and hunks with three lines of context; '' when the texts are equal. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const all = ops(lines(before), lines(after));
  const out = [`--- a${path}`, `+++ b${path}`];
  let k = 0;
  while (k < all.length) {
    while (k < all.length && all[k]!.kind === ' ') k++;
    if (k >= all.length) break;
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    // Extend the hunk while the next change is within 2*CONTEXT unchanged lines.
    for (let gap = 0; end < all.length; end++) {
      gap = all[end]!.kind === ' ' ? gap + 1 : 0;
      if (gap > 2 * CONTEXT) break;
    }
    end = Math.min(all.length, end - Math.max(0, countTrailing(all, end) - CONTEXT));
    let aLine = 1;
    let bLine = 1;
    for (let x = 0; x < start; x++) {
      if (all[x]!.kind !== '+') aLine++;
      if (all[x]!.kind !== '-') bLine++;
    }
    const hunk = all.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(
      `@@ -${aCount ? aLine : aLine - 1},${aCount} +${bCount ? bLine : bLine - 1},${bCount} @@`,
    );
    for (const o of hunk) out.push(o.kind + o.line);
    k = end;
  }
  return out.join('\n') + '\n';
}

function countTrailing(all: Op[], end: number): number {
  let c = 0;
  for (let x = end - 1; x >= 0 && all[x]!.kind === ' '; x--) c++;
  return c;
}

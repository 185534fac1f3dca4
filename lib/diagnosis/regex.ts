// The one regular-expression engine for log signatures: RE2 (the `re2` addon), whose matching time is linear in
// the length of the line, whatever the pattern. JavaScript's own engine backtracks: `/a.*b|b.*a/` is quadratic on
// a line of many `a`s, and one such line blocked the whole server. Every signature pattern, the catalogue's and
// any staff add later, is compiled and run here; a pattern RE2 cannot run (backreferences, lookaround) is refused
// when compiled, never run by the backtracking engine instead.
//
// The catalogue keeps its patterns as RegExp literals (lib/diagnosis/signatures.ts is imported by browser code,
// where no native addon exists); they are translated once so that they match what they match in JavaScript.
import RE2 from 're2';

/** Lines are scanned on at most this many characters (the rest of a longer line is not looked at). */
export const MAX_SCAN_LINE_CHARS = 64 * 1024;

export type LinearRegex = InstanceType<typeof RE2>;

export class UnsupportedPatternError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`pattern /${pattern}/ cannot run in linear time (RE2): ${reason}`);
    this.name = 'UnsupportedPatternError';
  }
}

// JavaScript's `\s` (Unicode spaces too); RE2's is ASCII only. `.` in JavaScript stops at every line terminator.
const JS_SPACE = String.raw`\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`;
const JS_DOT = String.raw`[^\n\r\u2028\u2029]`;

/** A JavaScript pattern's source rewritten so that RE2 gives `.`, `\s` and `\S` their JavaScript meaning. */
export function toLinearSource(source: string, flags = ''): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[++i] ?? '';
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else out += `\\${next}`;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      // `[]` and `[^]` mean "nothing" and "anything" in JavaScript but a literal `]` in RE2: not guessed at.
      if (/^\[\^?\]/.test(source.slice(i)))
        throw new UnsupportedPatternError(source, 'an empty class [] or [^]');
      inClass = true;
      out += c;
    } else out += c === '.' && !flags.includes('s') ? JS_DOT : c;
  }
  return out;
}

const cache = new WeakMap<RegExp, { plain: LinearRegex; global: LinearRegex }>();

function compile(source: string, flags: string): LinearRegex {
  try {
    return new RE2(toLinearSource(source, flags), flags);
  } catch (err) {
    if (err instanceof UnsupportedPatternError) throw err;
    throw new UnsupportedPatternError(source, (err as Error).message);
  }
}

/** A pattern compiled for the linear engine: `plain` for test(), `global` for exec() over a whole line. */
export function compileLinear(pattern: RegExp): { plain: LinearRegex; global: LinearRegex } {
  let c = cache.get(pattern);
  if (!c) {
    const flags = pattern.flags.replace(/[gy]/g, '');
    c = { plain: compile(pattern.source, flags), global: compile(pattern.source, `${flags}g`) };
    cache.set(pattern, c);
  }
  return c;
}

// One scan of a line for every pattern at once. A scanner asks a dozen patterns about each line; each native call
// costs about as much as the match itself (~1-2 µs), so the patterns in use are kept in one RE2 Set, matched once
// per distinct line, and the answers kept until the next line. Patterns are keyed by source and flags (a signature
// re-created per request is one entry), at most MAX_SET_PATTERNS of them; others are tested one by one.
const MAX_SET_PATTERNS = 256;
const setIndex = new Map<string, number>();
let setSources: string[] = [];
let patternSet: InstanceType<typeof RE2.Set> | null = null;
let lastLine: { text: string; hits: Set<number> } | null = null;

/** The pattern's index in the set (registering it, after compiling it alone to validate it); -1 when full. */
function setIndexOf(pattern: RegExp): number {
  const key = `${pattern.flags}/${pattern.source}`;
  const known = setIndex.get(key);
  if (known !== undefined) return known;
  compileLinear(pattern);
  if (setSources.length >= MAX_SET_PATTERNS) return -1;
  const inline = pattern.flags.replace(/[^ims]/g, '');
  const source = toLinearSource(pattern.source, pattern.flags);
  setSources = [...setSources, inline ? `(?${inline}:${source})` : source];
  setIndex.set(key, setSources.length - 1);
  patternSet = null;
  lastLine = null;
  return setSources.length - 1;
}

function setHits(text: string): Set<number> | null {
  if (lastLine?.text === text) return lastLine.hits;
  try {
    patternSet ??= new RE2.Set(setSources, 'u');
    lastLine = { text, hits: new Set(patternSet.match(text)) };
    return lastLine.hits;
  } catch {
    // The set could not be built or ran out of its memory budget on this line: each pattern alone instead.
    lastLine = null;
    return null;
  }
}

/** `pattern.test(text)`, in linear time. */
export function linearTest(pattern: RegExp, text: string): boolean {
  const i = setIndexOf(pattern);
  const hits = i >= 0 ? setHits(text) : null;
  return hits ? hits.has(i) : compileLinear(pattern).plain.test(text);
}

export interface LinearMatch {
  index: number;
  text: string;
}

/** Matches a line viewer shows at most: a shown line is 2000 characters, and each match costs a call (~2 µs). */
export const MAX_MATCHES = 2000;

/** The matches of `pattern` in `text`, left to right (a global `exec` loop), the first `max` of them. */
export function linearMatches(pattern: RegExp, text: string, max = MAX_MATCHES): LinearMatch[] {
  const re = compileLinear(pattern).global;
  const out: LinearMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else out.push({ index: m.index, text: m[0] });
  }
  return out;
}

/** A line as the scanner sees it: at most MAX_SCAN_LINE_CHARS, and whether it was cut. */
export function boundScanLine(
  line: string,
  max = MAX_SCAN_LINE_CHARS,
): { text: string; cut: boolean } {
  return line.length > max ? { text: line.slice(0, max), cut: true } : { text: line, cut: false };
}

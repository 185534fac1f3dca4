#!/usr/bin/env node
// `node scripts/code-shape.mjs [--json]`: the shape of the tree, measured the way issue #13 measured it.
// Lines (non-blank, .ts/.tsx/.mjs outside the lab payload): mean length, share over 100 characters, the longest;
// functions longer than 60 lines (TypeScript's own parser); import cycles between files and between the folders
// of lib/ (an import of `lib/a/x` from `lib/b/y` is an edge b → a). The unit test test/unit/core/code-shape.test.ts
// holds the cycles at zero.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SOURCE = /\.(ts|tsx|mjs)$/;

export function sourceFiles() {
  const out = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' });
  return out
    .split('\n')
    .filter((f) => SOURCE.test(f) && !f.startsWith('test/lab/payload/') && !f.endsWith('.d.ts'))
    .filter((f) => fs.existsSync(path.join(ROOT, f)));
}

function lineStats(files) {
  const lines = files.flatMap((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n'));
  const kept = lines.filter((l) => l.trim() !== '');
  const over = kept.filter((l) => l.length > 100).length;
  return {
    lines: kept.length,
    meanLength: Number((kept.reduce((n, l) => n + l.length, 0) / kept.length).toFixed(1)),
    over100Pct: Number(((100 * over) / kept.length).toFixed(2)),
    longest: Math.max(...kept.map((l) => l.length)),
  };
}

const FUNCTION_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  return '(anonymous)';
}

/** Functions with more than `limit` lines, longest first: { file, name, lines }. */
export function longFunctions(files, limit = 60) {
  const found = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const visit = (node) => {
      if (FUNCTION_KINDS.has(node.kind) && node.body) {
        const from = src.getLineAndCharacterOfPosition(node.getStart(src)).line;
        const to = src.getLineAndCharacterOfPosition(node.end).line;
        if (to - from + 1 > limit) found.push({ file, name: nameOf(node), lines: to - from + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(src);
  }
  return found.sort((a, b) => b.lines - a.lines);
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveImport(from, spec, known) {
  let base;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.'))
    base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  for (const ext of ['', '.ts', '.tsx', '.mjs', '/index.ts', '/index.tsx']) {
    if (known.has(base + ext)) return base + ext;
  }
  return null;
}

/** Value imports between files (`import type` is left out: it is erased and orders nothing at run time). */
export function importGraph(files) {
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const edges = new Set();
    for (const m of text.matchAll(IMPORT)) {
      if (/^\s*(import|export)\s+type\s/.test(m[0].replace(/^\n/, ''))) continue;
      const target = resolveImport(file, m[1] ?? m[2], known);
      if (target && target !== file) edges.add(target);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Strongly connected components with more than one member (Tarjan). */
export function cycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const part = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) connect(v);
  return found;
}

/** The same graph between the folders of lib/ (lib/remote, lib/jobs, …). */
export function folderGraph(graph) {
  // lib/<folder>/… belongs to lib/<folder>; files directly in lib/ (lib/errors.ts) belong to no folder.
  const folder = (f) => (/^lib\/[^/]+\//.test(f) ? f.split('/').slice(0, 2).join('/') : null);
  const out = new Map();
  for (const [from, edges] of graph) {
    const a = folder(from);
    if (!a) continue;
    if (!out.has(a)) out.set(a, new Set());
    for (const to of edges) {
      const b = folder(to);
      if (b && b !== a) out.get(a).add(b);
    }
  }
  return out;
}

export function measure() {
  const files = sourceFiles();
  const graph = importGraph(files);
  const long = longFunctions(files);
  return {
    ...lineStats(files),
    functionsOver60: long.length,
    longestFunctions: long.slice(0, 10),
    fileCycles: cycles(graph),
    folderCycles: cycles(folderGraph(graph)),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const m = measure();
  if (process.argv.includes('--json')) console.log(JSON.stringify(m, null, 2));
  else {
    console.log(
      `non-blank lines ${m.lines}; mean length ${m.meanLength}; over 100 characters ${m.over100Pct} %;`,
    );
    console.log(`longest line ${m.longest}; functions over 60 lines ${m.functionsOver60}`);
    for (const f of m.longestFunctions) console.log(`  ${f.lines} lines  ${f.name}  (${f.file})`);
    console.log(`file cycles ${m.fileCycles.length}; lib/ folder cycles ${m.folderCycles.length}`);
    for (const c of [...m.fileCycles, ...m.folderCycles]) console.log(`  ${c.join(' ↔ ')}`);
  }
}

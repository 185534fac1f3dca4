// Summarises a V8 .cpuprofile (node --cpu-prof, or `bench:load --cpu-prof DIR`): the functions with the most self
// time, and with the most inclusive time (self plus everything they called), with their file and line.
//   npx tsx test/bench/profile-top.ts FILE.cpuprofile [--top 25]
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-top.ts FILE.cpuprofile [--top N]');
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
prof.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
});
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
const label = (n: Node) => {
  const url = n.callFrame.url
    .replace(/^.*node_modules\//, '')
    .replace(/^file:\/\/.*?\/\.next\//, '.next/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};

const self = new Map<string, number>();
for (const [id, ms] of selfMs)
  self.set(label(byId.get(id)!), (self.get(label(byId.get(id)!)) ?? 0) + ms);

// Inclusive: a function's own subtree, counted once per stack even when it recurses.
const incl = new Map<string, number>();
function walk(id: number, onStack: Set<string>): number {
  const n = byId.get(id)!;
  let ms = selfMs.get(id) ?? 0;
  const l = label(n);
  const fresh = !onStack.has(l);
  if (fresh) onStack.add(l);
  for (const c of n.children ?? []) ms += walk(c, onStack);
  if (fresh) {
    onStack.delete(l);
    incl.set(l, (incl.get(l) ?? 0) + ms);
  }
  return ms;
}
walk(prof.nodes[0]!.id, new Set());

const top = Number(values.top);
const show = (title: string, m: Map<string, number>) => {
  console.log(`${title} (of ${(total / 1000).toFixed(1)} s sampled)`);
  for (const [l, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${(ms / 1000).toFixed(2).padStart(8)} s ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${l}`,
    );
  }
};
show('self time', self);
show('inclusive time', incl);

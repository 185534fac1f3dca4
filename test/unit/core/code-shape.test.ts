// The tree has no import cycles, between files or between the folders of lib/ (scripts/code-shape.mjs finds them).
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { cycles, folderGraph, importGraph, sourceFiles } from '../../../scripts/code-shape.mjs';

type Graph = Map<string, Set<string>>;

describe('import cycles', () => {
  it('finds a cycle where there is one, through three files, and none in a chain', () => {
    const g: Graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set()],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
    expect(
      cycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set()],
        ]),
      ),
    ).toEqual([]);
  });

  it('none between the files of the tree, nor between the folders of lib/', () => {
    const graph: Graph = importGraph(sourceFiles());
    expect(graph.get('lib/jobs/service.ts')?.size ?? 0).toBeGreaterThan(2);
    expect(cycles(graph)).toEqual([]);
    expect(cycles(folderGraph(graph))).toEqual([]);
  });
});

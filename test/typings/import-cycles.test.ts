/**
 * The contract's modules form no import cycle, type-only imports and re-exports included: a cycle makes the
 * order in which bundles evaluate `typings/` matter, and usually means two files own one idea.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { filesUnder } from '../helpers/files';

const ROOT = path.resolve(__dirname, '../../typings');

const modulesUnder = (dir: string): string[] => filesUnder(dir, '.ts');

/** Relative imports and re-exports of every module under typings/, as absolute file paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of modulesUnder(ROOT)) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => path.resolve(path.dirname(file), name))
      .map((target) => (fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts')));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each written `a.ts → b.ts → a.ts` relative to typings/. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    const open = stack.indexOf(file);
    if (open >= 0) {
      found.push([...stack.slice(open), file].map((at) => path.relative(ROOT, at)).join(' → '));
      return;
    }
    if (done.has(file)) return;
    stack.push(file);
    for (const target of graph.get(file) ?? []) visit(target);
    stack.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

test('the walk finds a cycle when there is one', () => {
  const a = path.join(ROOT, 'a.ts');
  const b = path.join(ROOT, 'b.ts');
  expect(
    cycles(
      new Map([
        [a, [b]],
        [b, [a]],
      ]),
    ),
  ).toEqual(['a.ts → b.ts → a.ts']);
});

test('typings/ has no import cycle', () => {
  const graph = importGraph();
  expect(graph.size).toBeGreaterThan(20);
  expect(cycles(graph)).toEqual([]);
});

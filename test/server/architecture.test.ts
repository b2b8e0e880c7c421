/**
 * Areas of `server/` depend on each other only through their public `index.ts`, and never in a cycle;
 * what more than one area needs lives in `server/core/`. Every import (static, `export ... from`, dynamic
 * `import()` and `require`) of every server file is read with the TypeScript parser, so a new file cannot
 * slip past this test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const SERVER = resolve(__dirname, '../../server');

/**
 * Imports of another area's internals that are still to be untangled (issue 13). Most are domain functions
 * an area's `index.ts` cannot export yet: an area's index also defines its cloud function, and the roster's
 * pulls in exceljs, so importing them would bundle whole areas into every function that needs one helper.
 * The list may only shrink: an import not listed fails, and so does an entry that no longer occurs.
 */
const KNOWN_INTERNAL_IMPORTS: readonly string[] = [
];

/** Area cycles still to be broken: course and learning share the learning record both ways. */
const KNOWN_CYCLES: readonly string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The area a server file belongs to (`campaign` for server/campaign/engagement/feed.ts); undefined at the root. */
function areaOf(path: string): string | undefined {
  const parts = relative(SERVER, path).split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Resolves a relative specifier to the file it names (`x.ts` or `x/index.ts`). */
function resolveImport(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this candidate
    }
  }
  return `${base}.ts`;
}

interface Edge {
  from: string;
  to: string;
  specifier: string;
}

function importsOf(path: string): Edge[] {
  const edges: Edge[] = [];
  for (const ref of ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const target = resolveImport(path, ref.fileName);
    if (!target.startsWith(SERVER + sep)) continue;
    edges.push({ from: path, to: target, specifier: ref.fileName });
  }
  return edges;
}

const edges = sourceFiles(SERVER).flatMap(importsOf);

describe('server architecture', () => {
  it('reads the imports of every area', () => {
    const areas = new Set(edges.map((edge) => areaOf(edge.from)));
    for (const area of ['core', 'campaign', 'contest', 'points', 'report', 'share']) expect(areas).toContain(area);
    // Dynamic imports and re-exports count too.
    expect(edges.some((edge) => relative(SERVER, edge.from) === 'functions.ts')).toBe(true);
  });

  it('an area imports another area only through its index.ts', () => {
    const offending = edges
      .filter((edge) => {
        const from = areaOf(edge.from);
        const to = areaOf(edge.to);
        if (from === undefined || to === undefined || from === to || to === 'core') return false;
        return edge.to !== join(SERVER, to, 'index.ts');
      })
      .map((edge) => `${relative(SERVER, edge.from)} imports '${edge.specifier}'`);
    const unique = [...new Set(offending)].sort();
    expect(unique.filter((line) => !KNOWN_INTERNAL_IMPORTS.includes(line))).toEqual([]);
    expect(KNOWN_INTERNAL_IMPORTS.filter((line) => !unique.includes(line))).toEqual([]);
  });

  it('core imports no area', () => {
    const offending = edges
      .filter((edge) => areaOf(edge.from) === 'core' && areaOf(edge.to) !== 'core')
      .map((edge) => `${relative(SERVER, edge.from)} imports '${edge.specifier}'`);
    expect(offending).toEqual([]);
  });

  it('areas form no import cycle', () => {
    const graph = new Map<string, Set<string>>();
    for (const edge of edges) {
      const from = areaOf(edge.from);
      const to = areaOf(edge.to);
      if (from === undefined || to === undefined || from === to) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (area: string, path: string[]): void => {
      const start = path.indexOf(area);
      if (start >= 0) {
        cycles.push([...path.slice(start), area].join(' -> '));
        return;
      }
      if (done.has(area)) return;
      for (const next of graph.get(area) ?? []) visit(next, [...path, area]);
      done.add(area);
    };
    for (const area of [...graph.keys()].sort()) visit(area, []);
    expect(cycles.filter((cycle) => !KNOWN_CYCLES.includes(cycle))).toEqual([]);
    expect(KNOWN_CYCLES.filter((cycle) => !cycles.includes(cycle))).toEqual([]);
  });
});

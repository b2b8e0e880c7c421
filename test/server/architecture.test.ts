/**
 * Areas of `server/` depend on each other only through their public `index.ts`, and never in a cycle;
 * what more than one area needs lives in `server/core/`. Every import (static, `export ... from`, dynamic
 * `import()` and `require`) of every server file is read with the TypeScript parser, so a new file cannot
 * slip past this test. An area's `index.ts` is its public API only: its cloud function is defined in
 * actions.ts, so importing a helper from another area does not pull that area's function in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const SERVER = resolve(__dirname, '../../server');

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
    expect([...new Set(offending)].sort()).toEqual([]);
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
    expect(cycles).toEqual([]);
  });

  it("an area's index.ts only re-exports: no action, function or other code of its own", () => {
    const indexes = readdirSync(SERVER)
      .map((name) => join(SERVER, name, 'index.ts'))
      .filter((path) => {
        try {
          return statSync(path).isFile();
        } catch {
          return false;
        }
      });
    expect(indexes.map((path) => relative(SERVER, path))).toContain('points/index.ts');
    const offending = indexes.flatMap((path) => {
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
      return source.statements
        .filter((statement) => !(ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined))
        .map((statement) => `${relative(SERVER, path)}: ${statement.getText(source).split('\n')[0]}`);
    });
    expect(offending).toEqual([]);
  });
});

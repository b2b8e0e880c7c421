/**
 * The test tree mirrors the source tree: every folder under test/server and test/miniprogram names a folder
 * of server/ or miniprogram/, so a reader finds an area's tests where its code is. An area's tests import
 * shared helpers from test/helpers (or the layer's own harness at test/miniprogram/), never another area's
 * test folder. Both lists below fail with the offending paths.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Test layer → the source folder its folders mirror. */
const LAYERS = { 'test/server': 'server', 'test/miniprogram': 'miniprogram', 'test/web': 'web' } as const;

/**
 * Folders that test no single source folder. None today: the cross-cutting suites (the authorization
 * matrices, the fuzz test, hostile input, declarations) are files at the top of test/server, not folders.
 */
const CROSS_CUTTING_FOLDERS: readonly string[] = [];

function foldersUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = `${dir}/${entry.name}`;
    found.push(child, ...foldersUnder(child));
  }
  return found;
}

function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const child = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...filesUnder(child));
    else if (entry.name.endsWith('.ts')) found.push(child);
  }
  return found;
}

/** The area of a path inside a test layer (its first folder), or null for the layer's top-level files. */
function areaOf(file: string): { layer: string; area: string } | null {
  for (const layer of Object.keys(LAYERS)) {
    if (!file.startsWith(`${layer}/`)) continue;
    const parts = file.slice(layer.length + 1).split('/');
    return parts.length > 1 ? { layer, area: parts[0] as string } : null;
  }
  return null;
}

/** Relative module paths a file imports (static imports, re-exports and dynamic `import()`). */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']*)'/g)].map((match) => match[1] as string);
}

test('every folder under test/server and test/miniprogram mirrors a source folder', () => {
  const orphans = Object.entries(LAYERS).flatMap(([layer, source]) =>
    foldersUnder(layer).filter((folder) => {
      if (CROSS_CUTTING_FOLDERS.includes(folder)) return false;
      return !fs.existsSync(path.join(ROOT, source, folder.slice(layer.length + 1)));
    }),
  );
  expect(orphans).toEqual([]);
});

test("no area's tests import another area's test folder", () => {
  const crossings: string[] = [];
  for (const layer of Object.keys(LAYERS)) {
    for (const file of filesUnder(layer)) {
      const from = areaOf(file);
      if (!from) continue;
      for (const spec of importsOf(file)) {
        const target = path
          .relative(ROOT, path.resolve(ROOT, path.dirname(file), spec))
          .split(path.sep)
          .join('/');
        const to = areaOf(target);
        if (to && (to.layer !== from.layer || to.area !== from.area)) crossings.push(`${file} imports ${spec}`);
      }
    }
  }
  expect(crossings).toEqual([]);
});

test('the checks see the tree (a moved test folder cannot make them pass vacuously)', () => {
  expect(foldersUnder('test/server')).toContain('test/server/campaign/engagement');
  expect(foldersUnder('test/miniprogram')).toContain('test/miniprogram/packageCampaign');
  expect(areaOf('test/server/contest/voting/helpers.ts')).toEqual({ layer: 'test/server', area: 'contest' });
  expect(areaOf('test/server/fuzz.test.ts')).toBeNull();
});

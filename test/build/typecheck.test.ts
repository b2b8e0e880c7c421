/**
 * `npm run typecheck` (scripts/typecheck.ts) checks every TypeScript project of the repository. The
 * mini-program tests' project is checked through the gallery's, which extends it: that holds only while the
 * gallery adds no compiler options, includes every file of the tests' project, and adds no global script
 * (a file without import or export) whose declarations could make a test file pass that fails on its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECTS } from '../../scripts/typecheck';

const ROOT = path.resolve(__dirname, '../..');
const TESTS_PROJECT = 'test/miniprogram/tsconfig.json';
const GALLERY_PROJECT = 'scripts/gallery/tsconfig.json';

function parsed(tsconfig: string): ts.ParsedCommandLine {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, tsconfig), {}, host);
  if (!config) throw new Error(`${tsconfig} does not parse`);
  return config;
}

/** Every tsconfig.json of the repository outside node_modules and the mini-program's npm build. */
function tsconfigs(dir = ''): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (['node_modules', 'miniprogram_npm', '.git', '.tmp', 'dist'].includes(entry.name)) continue;
    const child = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...tsconfigs(child));
    else if (entry.name === 'tsconfig.json') found.push(child);
  }
  return found;
}

test('every TypeScript project is checked, the mini-program tests through the gallery', () => {
  const checked = PROJECTS.map((project) => project.tsconfig);
  expect(tsconfigs().filter((tsconfig) => !checked.includes(tsconfig))).toEqual([TESTS_PROJECT]);
  expect(checked).toContain(GALLERY_PROJECT);
});

test("the gallery's project checks every file of the mini-program tests' project with the same options", () => {
  const tests = parsed(TESTS_PROJECT);
  const gallery = parsed(GALLERY_PROJECT);
  const { configFilePath: _a, ...testOptions } = tests.options;
  const { configFilePath: _b, ...galleryOptions } = gallery.options;
  expect(galleryOptions).toEqual(testOptions);
  expect(tests.fileNames.length).toBeGreaterThan(100);
  expect(tests.fileNames.filter((file) => !gallery.fileNames.includes(file))).toEqual([]);
  const added = gallery.fileNames.filter((file) => !tests.fileNames.includes(file));
  expect(added.length).toBeGreaterThan(0);
  const scripts = added.filter((file) => !ts.isExternalModule(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022)));
  expect(scripts).toEqual([]);
});

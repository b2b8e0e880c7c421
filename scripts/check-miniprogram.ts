/**
 * Project checks no ready tool does offline: every page named in app.json (pages, subpackages, tabBar)
 * exists with its .ts/.json/.wxml/.wxss, tab icons exist, every usingComponents path resolves (relative,
 * absolute from the mini-program root, or an npm path inside miniprogram_npm), every page that can confirm
 * (utils/ui.ts confirmModal) has the dialog it asks with, and all WXML and WXSS compile with WeChat's own
 * compilers (wcc / wcsc from miniprogram-compiler).
 *
 * Usage: tsx scripts/check-miniprogram.ts [miniprogramRoot]   (builds miniprogram_npm first when missing)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildMiniprogramNpm } from './build-miniprogram-npm';
import { NPM_DIR, sourceFiles, toPosix } from './miniprogram-sources';

export interface CheckProblem {
  /** Path relative to the mini-program root. */
  file: string;
  message: string;
}

interface AppJson {
  pages?: unknown;
  subpackages?: unknown;
  subPackages?: unknown;
  tabBar?: { list?: unknown };
  usingComponents?: unknown;
  sitemapLocation?: unknown;
}

interface ComponentJson {
  usingComponents?: Record<string, unknown>;
}

const PAGE_EXTENSIONS = ['.json', '.wxml', '.wxss'] as const;
const SCRIPT_EXTENSIONS = ['.ts', '.js'] as const;

function readJsonFile(root: string, relative: string, problems: CheckProblem[]): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `invalid JSON: ${error.message}` : 'file is missing';
    problems.push({ file: relative, message: reason });
    return undefined;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Every page path app.json names, with where it was named. */
function pagesOf(app: AppJson): { page: string; from: string }[] {
  const pages = stringList(app.pages).map((page) => ({ page, from: 'pages' }));
  const packages = [app.subpackages, app.subPackages].flatMap((list) => (Array.isArray(list) ? list : []));
  for (const entry of packages) {
    if (entry === null || typeof entry !== 'object') continue;
    const { root, pages: subPages } = entry as { root?: unknown; pages?: unknown };
    if (typeof root !== 'string') continue;
    for (const page of stringList(subPages)) pages.push({ page: path.posix.join(root, page), from: `subpackage ${root}` });
  }
  return pages;
}

/** Finds the component a usingComponents value names, as WeChat resolves it; returns its path without extension. */
export function resolveComponent(root: string, fromFile: string, target: string): string | null {
  const candidates: string[] = [];
  if (target.startsWith('/')) {
    candidates.push(path.join(root, target));
  } else if (target.startsWith('.')) {
    candidates.push(path.join(path.dirname(path.join(root, fromFile)), target));
  } else {
    // Relative first, then npm: miniprogram_npm in the component's folder or any folder above it up to the root.
    candidates.push(path.join(path.dirname(path.join(root, fromFile)), target));
    let dir = path.dirname(path.join(root, fromFile));
    for (;;) {
      candidates.push(path.join(dir, NPM_DIR, target));
      if (path.relative(root, dir) === '' || !dir.startsWith(root)) break;
      dir = path.dirname(dir);
    }
  }
  for (const candidate of candidates) {
    for (const base of [candidate, path.join(candidate, 'index')]) {
      if (fs.existsSync(`${base}.json`) && fs.existsSync(`${base}.wxml`)) return base;
    }
  }
  return null;
}

function checkPages(root: string, app: AppJson, problems: CheckProblem[]): string[] {
  const pages = pagesOf(app);
  if (pages.length === 0) problems.push({ file: 'app.json', message: 'names no pages' });
  for (const { page, from } of pages) {
    for (const ext of PAGE_EXTENSIONS) {
      if (!fs.existsSync(path.join(root, page + ext))) {
        problems.push({ file: page + ext, message: `page "${page}" (app.json ${from}) is missing its ${ext} file` });
      }
    }
    if (!SCRIPT_EXTENSIONS.some((ext) => fs.existsSync(path.join(root, page + ext)))) {
      problems.push({ file: `${page}.ts`, message: `page "${page}" (app.json ${from}) is missing its .ts file` });
    }
  }

  const declared = new Set(pages.map(({ page }) => page));
  const tabs = Array.isArray(app.tabBar?.list) ? app.tabBar.list : [];
  for (const tab of tabs as { pagePath?: unknown; iconPath?: unknown; selectedIconPath?: unknown }[]) {
    if (typeof tab.pagePath !== 'string' || !declared.has(tab.pagePath)) {
      problems.push({ file: 'app.json', message: `tabBar page "${String(tab.pagePath)}" is not one of app.json's pages` });
    }
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      if (typeof icon === 'string' && !fs.existsSync(path.join(root, icon))) {
        problems.push({ file: 'app.json', message: `tabBar icon "${icon}" does not exist` });
      }
    }
  }
  if (typeof app.sitemapLocation === 'string' && !fs.existsSync(path.join(root, app.sitemapLocation))) {
    problems.push({ file: 'app.json', message: `sitemapLocation "${app.sitemapLocation}" does not exist` });
  }
  return pages.map(({ page }) => page);
}

/** Follows usingComponents from app.json and every page, through the components they use. */
function checkComponents(root: string, app: AppJson, pages: string[], problems: CheckProblem[]): void {
  const visited = new Set<string>();
  const visit = (jsonFile: string, using: unknown): void => {
    if (using === undefined) return;
    if (using === null || typeof using !== 'object') {
      problems.push({ file: jsonFile, message: 'usingComponents must be an object' });
      return;
    }
    for (const [tag, target] of Object.entries(using as Record<string, unknown>)) {
      if (typeof target !== 'string') {
        problems.push({ file: jsonFile, message: `usingComponents "${tag}" is not a path` });
        continue;
      }
      if (target.startsWith('plugin://')) continue;
      const resolved = resolveComponent(root, jsonFile, target);
      if (!resolved) {
        problems.push({ file: jsonFile, message: `usingComponents "${tag}": "${target}" does not resolve to a component` });
        continue;
      }
      const componentJson = `${toPosix(path.relative(root, resolved))}.json`;
      if (visited.has(componentJson)) continue;
      visited.add(componentJson);
      const json = readJsonFile(root, componentJson, problems) as ComponentJson | undefined;
      visit(componentJson, json?.usingComponents);
    }
  };
  visit('app.json', app.usingComponents);
  for (const page of pages) {
    if (!fs.existsSync(path.join(root, `${page}.json`))) continue;
    const json = readJsonFile(root, `${page}.json`, problems) as ComponentJson | undefined;
    visit(`${page}.json`, json?.usingComponents);
  }
}

let compilerDir: string | null = null;

/** The package ships wcc/wcsc without the executable bit; use a private executable copy. */
function compilerPath(name: 'wcc' | 'wcsc'): string {
  const platformDir = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux';
  const file = process.platform === 'win32' ? `${name}.exe` : name;
  if (!compilerDir) {
    const shipped = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', platformDir);
    compilerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-wcc-'));
    for (const binary of fs.readdirSync(shipped)) {
      fs.copyFileSync(path.join(shipped, binary), path.join(compilerDir, binary));
      fs.chmodSync(path.join(compilerDir, binary), 0o755);
    }
    const dir = compilerDir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return path.join(compilerDir, file);
}

function compilerOutput(result: ReturnType<typeof spawnSync>): string {
  return `${String(result.stderr ?? '')}${String(result.stdout ?? '')}`.trim() || `exit code ${String(result.status)}`;
}

/** Compiles each WXML file on its own with wcc so that every broken file is named. */
function checkWxml(root: string, problems: CheckProblem[]): void {
  const wcc = compilerPath('wcc');
  for (const file of sourceFiles(root, '.wxml')) {
    const result = spawnSync(wcc, ['-d', '-cc', '0', file, '-gn', '$gwx'], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
    if (result.error) throw result.error;
    if (result.status !== 0) problems.push({ file, message: `WXML does not compile: ${compilerOutput(result)}` });
  }
}

function checkWxss(root: string, problems: CheckProblem[]): void {
  const wcsc = compilerPath('wcsc');
  for (const file of sourceFiles(root, '.wxss')) {
    const result = spawnSync(wcsc, ['-db', '-pc', '1', file], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
    if (result.error) throw result.error;
    if (result.status !== 0) problems.push({ file, message: `WXSS does not compile: ${compilerOutput(result)}` });
  }
}

/** A call of utils/ui.ts confirmModal (not its definition), and the TDesign dialog element it opens. */
const CONFIRM_CALL = /(?<!function\s+)\bconfirmModal\(/;
const CONFIRM_DIALOG = /<t-dialog\s[^>]*\bid="t-dialog"/;
const LOCAL_IMPORT = /\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]|\brequire\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The project's script a relative import names, as TypeScript resolves it (file.ts or folder/index.ts). */
function resolveScript(fromFile: string, target: string): string | null {
  const base = path.resolve(path.dirname(fromFile), target);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Whether a script, or any of the project's scripts it imports, calls confirmModal. */
function reachesConfirm(file: string, memo: Map<string, boolean>): boolean {
  const known = memo.get(file);
  if (known !== undefined) return known;
  memo.set(file, false); // an import cycle adds nothing new
  const source = fs.readFileSync(file, 'utf8');
  let found = CONFIRM_CALL.test(source);
  for (const match of source.matchAll(LOCAL_IMPORT)) {
    if (found) break;
    const imported = resolveScript(file, match[1] ?? match[2] ?? '');
    if (imported) found = reachesConfirm(imported, memo);
  }
  memo.set(file, found);
  return found;
}

/**
 * confirmModal asks through the `<t-dialog id="t-dialog" />` of the page in front (utils/ui.ts); a page whose
 * scripts can confirm but that has no such element would never ask, so the action would silently not happen.
 */
function checkConfirmDialogs(root: string, pages: string[], problems: CheckProblem[]): void {
  const memo = new Map<string, boolean>();
  for (const page of pages) {
    const script = SCRIPT_EXTENSIONS.map((ext) => path.join(root, page + ext)).find((file) => fs.existsSync(file));
    const wxml = path.join(root, `${page}.wxml`);
    if (!script || !fs.existsSync(wxml) || !reachesConfirm(script, memo)) continue;
    if (!CONFIRM_DIALOG.test(fs.readFileSync(wxml, 'utf8'))) {
      problems.push({ file: `${page}.wxml`, message: 'the page confirms (confirmModal) but has no <t-dialog id="t-dialog" /> to ask with' });
    }
  }
}

export function checkMiniprogram(root: string): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const app = readJsonFile(root, 'app.json', problems) as AppJson | undefined;
  if (app !== undefined) {
    const pages = checkPages(root, app, problems);
    checkComponents(root, app, pages, problems);
    checkConfirmDialogs(root, pages, problems);
  }
  checkWxml(root, problems);
  checkWxss(root, problems);
  return problems;
}

export function formatProblems(problems: CheckProblem[]): string {
  return problems.map((problem) => `✗ ${problem.file}: ${problem.message}`).join('\n');
}

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'miniprogram'));
  if (!fs.existsSync(path.join(root, NPM_DIR))) {
    await buildMiniprogramNpm({ miniprogramRoot: root });
  }
  const problems = checkMiniprogram(root);
  if (problems.length > 0) {
    console.error(`Mini-program checks failed (${problems.length}) in ${root}:\n${formatProblems(problems)}`);
    process.exit(1);
  }
  console.log(`Mini-program checks passed: pages, components, WXML and WXSS in ${path.relative(process.cwd(), root) || root}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}

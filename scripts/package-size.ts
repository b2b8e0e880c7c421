/**
 * What each mini-program package weighs when uploaded: project.config.json sets `ignoreUploadUnusedFiles`, so
 * WeChat's upload leaves out files nothing uses (https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html).
 * This walks what app.json reaches the way the runtime loads it: app.ts/app.wxss/app.json, every page's four
 * files, usingComponents recursively (ours and TDesign's in miniprogram_npm), imported and required scripts
 * (npm packages through miniprogram_npm), WXSS @import and url(), WXML <import>/<include>/<wxs> and static
 * image paths, tab bar icons and the sitemap. A file belongs to the subpackage whose root holds it, else to
 * the main package (https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages/basic.html).
 *
 * Scripts are counted as their .ts source: DevTools compiles TypeScript to JavaScript of about the same size
 * (types erased, no bundling), so the .ts bytes are the estimate of the uploaded .js.
 *
 * Usage: tsx scripts/package-size.ts [miniprogramRoot]   (prints the table; builds miniprogram_npm when missing)
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildMiniprogramNpm } from './build-miniprogram-npm';
import { resolveComponent } from './check-miniprogram';
import { NPM_DIR, scriptImports, toPosix } from './miniprogram-sources';

/** Budgets below WeChat's 2 MB per package, so a feature has room before an upload is refused. */
export const MAIN_PACKAGE_BUDGET = 1.5 * 1024 * 1024;
export const SUBPACKAGE_BUDGET = 1.8 * 1024 * 1024;

export interface PackageSize {
  /** 'main' or the subpackage's root. */
  name: string;
  bytes: number;
  files: string[];
  budget: number;
}

export interface SizeReport {
  packages: PackageSize[];
  /** References that resolve to no file (`from → target`), for a reviewer to judge. */
  unresolved: string[];
}

interface AppJson {
  pages?: string[];
  subpackages?: { root: string; pages?: string[] }[];
  subPackages?: { root: string; pages?: string[] }[];
  tabBar?: { list?: { iconPath?: string; selectedIconPath?: string }[] };
  usingComponents?: Record<string, string>;
  sitemapLocation?: string;
}

const SCRIPT_EXTENSIONS = ['.ts', '.js'];

function exists(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

/** WXSS @import targets and local url() files. */
export function styleImports(source: string): string[] {
  const found = [...source.matchAll(/@import\s+['"]([^'"]+)['"]/g)].map((match) => match[1]);
  for (const match of source.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
    if (!/^(https?:|data:|\/\/)/.test(match[1])) found.push(match[1]);
  }
  return found;
}

/** WXML <import>/<include>/<wxs> sources and static (no {{ }}) local file paths in src attributes. */
export function templateImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\bsrc\s*=\s*["']([^"'{}]+)["']/g)) {
    if (!/^(https?:|data:|cloud:|wxfile:|\/\/)/.test(match[1])) found.push(match[1]);
  }
  return found;
}

export function measurePackages(root: string): SizeReport {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
  const subpackages = [...(app.subpackages ?? []), ...(app.subPackages ?? [])];
  const reached = new Set<string>();
  const unresolved = new Set<string>();
  const seenComponents = new Set<string>();

  const relative = (file: string): string => toPosix(path.relative(root, file));
  const miss = (from: string, target: string): void => {
    unresolved.add(`${relative(from)} → ${target}`);
  };

  /** A path as the mini-program resolves it from `from`: '/x' from the root, './x' and 'x' beside the file. */
  const besides = (from: string, target: string): string => (target.startsWith('/') ? path.join(root, target) : path.join(path.dirname(from), target));

  const resolveScript = (from: string, target: string): string | null => {
    const bases: string[] = [];
    if (target.startsWith('.') || target.startsWith('/')) {
      bases.push(besides(from, target));
    } else {
      // npm: miniprogram_npm beside the file or in any folder above it, up to the root.
      let dir = path.dirname(from);
      for (;;) {
        bases.push(path.join(dir, NPM_DIR, target));
        if (path.relative(root, dir) === '' || !dir.startsWith(root)) break;
        dir = path.dirname(dir);
      }
    }
    for (const base of bases) {
      const candidates = [base, ...SCRIPT_EXTENSIONS.map((ext) => base + ext), ...SCRIPT_EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
      const hit = candidates.find((candidate) => /\.(ts|js|json|wxs)$/.test(candidate) && exists(candidate));
      if (hit) return hit;
    }
    return null;
  };

  const visitFile = (file: string): void => {
    if (reached.has(file)) return;
    reached.add(file);
    const source = /\.(ts|js|wxs|wxss|wxml)$/.test(file) ? fs.readFileSync(file, 'utf8') : '';
    if (/\.(ts|js|wxs)$/.test(file)) {
      for (const target of scriptImports(source)) {
        const hit = resolveScript(file, target);
        if (hit) visitFile(hit);
        else miss(file, target);
      }
    } else if (file.endsWith('.wxss') || file.endsWith('.wxml')) {
      // A WXSS @import or WXML <import>/<include> may leave out its own extension.
      const extension = path.extname(file);
      for (const target of extension === '.wxss' ? styleImports(source) : templateImports(source)) {
        const base = besides(file, target);
        const hit = [base, `${base}${extension}`].find(exists);
        if (hit) visitFile(hit);
        else miss(file, target);
      }
    }
  };

  /** A page or component: its json, wxml, wxss and script, then the components its json uses. */
  const visitUnit = (base: string): void => {
    if (seenComponents.has(base)) return;
    seenComponents.add(base);
    for (const ext of ['.json', '.wxml', '.wxss']) if (exists(base + ext)) visitFile(base + ext);
    const script = SCRIPT_EXTENSIONS.map((ext) => base + ext).find(exists);
    if (script) visitFile(script);
    const jsonFile = `${base}.json`;
    if (!exists(jsonFile)) return;
    const using = (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {};
    for (const target of Object.values(using)) {
      if (target.startsWith('plugin://')) continue;
      const found = resolveComponent(root, relative(jsonFile), target);
      if (found) visitUnit(found);
      else miss(jsonFile, target);
    }
  };

  for (const file of ['app.json', 'app.wxss', app.sitemapLocation ?? 'sitemap.json']) if (exists(path.join(root, file))) visitFile(path.join(root, file));
  const appScript = SCRIPT_EXTENSIONS.map((ext) => path.join(root, `app${ext}`)).find(exists);
  if (appScript) visitFile(appScript);
  for (const tab of app.tabBar?.list ?? []) {
    for (const icon of [tab.iconPath, tab.selectedIconPath]) if (icon && exists(path.join(root, icon))) visitFile(path.join(root, icon));
  }
  for (const target of Object.values(app.usingComponents ?? {})) {
    const found = resolveComponent(root, 'app.json', target);
    if (found) visitUnit(found);
  }
  for (const page of app.pages ?? []) visitUnit(path.join(root, page));
  for (const sub of subpackages) for (const page of sub.pages ?? []) visitUnit(path.join(root, sub.root, page));

  const packages: PackageSize[] = [
    { name: 'main', bytes: 0, files: [], budget: MAIN_PACKAGE_BUDGET },
    ...subpackages.map((sub) => ({ name: sub.root.replace(/\/$/, ''), bytes: 0, files: [], budget: SUBPACKAGE_BUDGET })),
  ];
  for (const file of [...reached].sort()) {
    const name = relative(file);
    const owner = packages.find((pkg) => pkg.name !== 'main' && name.startsWith(`${pkg.name}/`)) ?? packages[0];
    owner.files.push(name);
    owner.bytes += fs.statSync(file).size;
  }
  return { packages, unresolved: [...unresolved].sort() };
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The report as a table: package, files, size, budget, share of the budget. */
export function formatReport(report: SizeReport): string {
  const rows = report.packages.map((pkg) => [
    pkg.name,
    String(pkg.files.length),
    kilobytes(pkg.bytes),
    kilobytes(pkg.budget),
    `${Math.round((pkg.bytes / pkg.budget) * 100)}%`,
  ]);
  const header = ['package', 'files', 'size', 'budget', 'used'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const total = report.packages.reduce((sum, pkg) => sum + pkg.bytes, 0);
  return [line(header), ...rows.map(line), `total ${kilobytes(total)} (scripts counted as their .ts source, the estimate of the compiled .js)`].join('\n');
}

/** Packages above their budget, as messages. */
export function overBudget(report: SizeReport): string[] {
  return report.packages
    .filter((pkg) => pkg.bytes > pkg.budget)
    .map((pkg) => `${pkg.name}: ${kilobytes(pkg.bytes)} is above its budget of ${kilobytes(pkg.budget)}`);
}

export async function packageSizeReport(root = path.resolve(__dirname, '../miniprogram')): Promise<SizeReport> {
  if (!fs.existsSync(path.join(root, NPM_DIR))) await buildMiniprogramNpm({ miniprogramRoot: root });
  return measurePackages(root);
}

if (require.main === module) {
  void packageSizeReport(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then((report) => {
    console.log(formatReport(report));
    const problems = overBudget(report);
    for (const problem of problems) console.error(problem);
    process.exitCode = problems.length > 0 ? 1 : 0;
  });
}
